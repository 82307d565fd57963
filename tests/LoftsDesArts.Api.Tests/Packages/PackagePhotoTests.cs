using System.Net;
using System.Net.Http.Headers;
using LoftsDesArts.Api.Tests.Support;
using SkiaSharp;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// A package's photo through the self-host's HTTP API and the file photo store: uploaded by the desk,
/// re-encoded without metadata, shown only to the desk and the unit, refused when not an image or too
/// big, and purged once the package has left the desk for the building's retention days.
/// </summary>
public sealed class PackagePhotoTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>, IAsyncLifetime
{
    private HttpClient _manager = null!;
    private HttpClient _desk = null!;

    private string Desk => PackageJourneys.Desk(factory);

    public async Task InitializeAsync() => (_manager, _desk) = await factory.StaffAsync("504", "505");

    public Task DisposeAsync()
    {
        _manager.Dispose();
        _desk.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Photo_UploadedByDesk_SeenByDeskAndUnitAsJpegWithoutExif_OthersRefused_PurgedAfterRetention()
    {
        var resident = await factory.RegisterResidentAsync(_manager, "504", "Camille Tremblay");
        var neighbour = await factory.RegisterResidentAsync(_manager, "505", "Samuel Côté");
        var package = await _desk.LogAsync(factory, "504");
        var deskPhoto = $"{Desk}/{package.Id()}/photo";
        var unitPhoto = $"{PackageJourneys.UnitPath(factory, "504")}/packages/{package.Id()}/photo";

        using (var upload = await PutAsync(_desk, deskPhoto, Png(64, 48), "image/png"))
        {
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        foreach (var (client, path) in new[] { (_desk, deskPhoto), (resident.Client, unitPhoto) })
        {
            using var photo = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
            Assert.True(photo.Headers.CacheControl is { Private: true, NoStore: true }, photo.Headers.CacheControl?.ToString());
            var bytes = await photo.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xFF, 0xD8], bytes[..2]);
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif\0\0"u8));
            using var decoded = SKBitmap.Decode(bytes);
            Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        }

        Assert.True((await (await _desk.GetAsync($"{Desk}/{package.Id()}")).JsonAsync(HttpStatusCode.OK)).GetProperty("hasPhoto").GetBoolean());
        using (var foreign = await neighbour.Client.GetAsync(unitPhoto))
        {
            Assert.Contains(foreign.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }

        await (await neighbour.Client.GetAsync($"{PackageJourneys.UnitPath(factory, "505")}/packages/{package.Id()}/photo")).ProblemAsync(HttpStatusCode.NotFound, "package-not-found");
        using (var residentUpload = await PutAsync(resident.Client, deskPhoto, Png(8, 8), "image/png"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, residentUpload.StatusCode);
        }

        // A one-day retention (the building's setting, changed by the manager) keeps the clock's jump short.
        var settingsPath = $"/api/buildings/{factory.BuildingId}/package-settings";
        var settings = await (await _manager.GetAsync(settingsPath)).JsonAsync(HttpStatusCode.OK);
        var change = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(settings.GetRawText())!;
        change["photoRetentionDays"] = 1;
        await (await _manager.PutJsonAsync(settingsPath, change)).JsonAsync(HttpStatusCode.OK);
        var released = await (await _desk.PostJsonAsync(Desk + "/release", new
        {
            unitId = "504",
            packageIds = new[] { package.Id() },
            releasedTo = new { kind = "resident", userId = resident.UserId, name = resident.Name },
            identityCheck = "known-to-staff",
        })).JsonAsync(HttpStatusCode.OK);
        Assert.True(released.GetProperty("packages")[0].GetProperty("hasPhoto").GetBoolean());
        await factory.AdvanceAsync(TimeSpan.FromHours(23));
        using var desk = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk));
        using (var kept = await desk.GetAsync(deskPhoto))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }

        await factory.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await desk.RefreshAsync();

        await (await desk.GetAsync(deskPhoto)).ProblemAsync(HttpStatusCode.NotFound, "photo-not-found");
        Assert.False((await (await desk.GetAsync($"{Desk}/{package.Id()}")).JsonAsync(HttpStatusCode.OK)).GetProperty("hasPhoto").GetBoolean());
    }

    [Fact]
    public async Task Photo_TextDeclaredAsJpeg_BadRequest_NothingStored()
    {
        var package = await _desk.LogAsync(factory, "504");

        using var response = await PutAsync(_desk, $"{Desk}/{package.Id()}/photo", "ceci n'est pas une image"u8.ToArray(), "image/jpeg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await (await _desk.GetAsync($"{Desk}/{package.Id()}")).JsonAsync(HttpStatusCode.OK)).GetProperty("hasPhoto").GetBoolean());
        await (await _desk.GetAsync($"{Desk}/{package.Id()}/photo")).ProblemAsync(HttpStatusCode.NotFound, "photo-not-found");
    }

    [Fact]
    public async Task Photo_OverTenMegabytes_PayloadTooLarge()
    {
        var package = await _desk.LogAsync(factory, "504");

        using var response = await PutAsync(_desk, $"{Desk}/{package.Id()}/photo", new byte[(10 * 1024 * 1024) + 1], "image/jpeg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False((await (await _desk.GetAsync($"{Desk}/{package.Id()}")).JsonAsync(HttpStatusCode.OK)).GetProperty("hasPhoto").GetBoolean());
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PutAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>A small PNG drawn here: a blue box on white.</summary>
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.SteelBlue };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
