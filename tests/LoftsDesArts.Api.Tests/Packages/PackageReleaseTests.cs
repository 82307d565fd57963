using System.Net;
using LoftsDesArts.Api.Tests.Authorization;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// Pickup codes and release at the desk, end to end through the self-host (and, for logging and release,
/// through the Functions app's function classes on the same services): the resident's code, the desk's
/// look-up, release with the identity check, the release email, the refusals, and undo within its window.
/// </summary>
public sealed class PackageReleaseTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>, IAsyncLifetime
{
    private HttpClient _manager = null!;
    private HttpClient _desk = null!;

    private string Desk => PackageJourneys.Desk(factory);

    private string Pickup => $"/api/buildings/{factory.BuildingId}/pickup/lookup";

    public async Task InitializeAsync() => (_manager, _desk) = await factory.StaffAsync("504", "505", "604");

    public Task DisposeAsync()
    {
        _manager.Dispose();
        _desk.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PickupCode_StableAcrossReads_RegeneratedCodeReplacesTheOld()
    {
        var resident = await factory.RegisterResidentAsync(_manager, "505", "Alexis Caron");
        var codePath = PackageJourneys.UnitPath(factory, "505") + "/pickup-code";

        var first = await (await resident.Client.GetAsync(codePath)).JsonAsync(HttpStatusCode.OK);
        var reread = await (await resident.Client.GetAsync(codePath)).JsonAsync(HttpStatusCode.OK);
        var renewed = await (await resident.Client.PostAsync(codePath)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.Str("code"), reread.Str("code"));
        Assert.Equal(first.Str("code")[..4] + "-" + first.Str("code")[4..], first.Str("display"));
        Assert.NotEqual(first.Str("code"), renewed.Str("code"));
        await (await _desk.PostJsonAsync(Pickup, new { code = first.Str("code") })).ProblemAsync(HttpStatusCode.NotFound, "pickup-code-unknown");
        var view = await (await _desk.PostJsonAsync(Pickup, new { code = renewed.Str("display") })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("505", resident.UserId), (view.Str("unitId"), view.GetProperty("person").Str("userId")));
        Assert.Equal(renewed.Str("code"), (await (await resident.Client.GetAsync(codePath)).JsonAsync(HttpStatusCode.OK)).Str("code"));
    }

    [Fact]
    public async Task Release_WithPickupCode_TwoOfThreeReleased_EmailSaysWho_RefusalsAndUndoWindow()
    {
        var resident = await factory.RegisterResidentAsync(_manager, "504", "Camille Tremblay");
        var unit = PackageJourneys.UnitPath(factory, "504");
        var yesterday = DateOnly.FromDateTime(factory.Clock.GetUtcNow().AddHours(-5).Date).AddDays(-1);
        var preferences = await (await resident.Client.GetAsync(unit + "/package-preferences")).JsonAsync(HttpStatusCode.OK);
        await (await resident.Client.PutJsonAsync(unit + "/package-preferences", new
        {
            version = preferences.OptionalStr("version"),
            authorized = new object[] { new { name = "Jean Roy", expiresOn = (string?)null }, new { name = "Luc Martin", expiresOn = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } },
            neverRelease = new[] { new { name = "Marc Gagnon" } },
            instructions = "Sonner deux fois.",
            vacationHold = (object?)null,
        })).JsonAsync(HttpStatusCode.OK);
        var packages = new[] { await _desk.LogAsync(factory, "504"), await _desk.LogAsync(factory, "504"), await _desk.LogAsync(factory, "504") };
        var elsewhere = await _desk.LogAsync(factory, "505");
        var code = (await (await resident.Client.GetAsync(unit + "/pickup-code")).JsonAsync(HttpStatusCode.OK)).Str("code");

        var view = await (await _desk.PostJsonAsync(Pickup, new { code })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("504", resident.UserId, "Camille Tremblay"), (view.Str("unitId"), view.GetProperty("person").Str("userId"), view.GetProperty("person").Str("name")));
        Assert.Equal(packages.Select(p => p.Id()).Order(), view.GetProperty("waiting").EnumerateArray().Select(p => p.Id()).Order());
        Assert.Equal("Sonner deux fois.", view.Str("instructions"));
        Assert.Equal(["Jean Roy"], view.GetProperty("authorized").EnumerateArray().Select(a => a.Str("name")));
        Assert.Equal(["Marc Gagnon"], view.GetProperty("neverRelease").EnumerateArray().Select(a => a.Str("name")));

        var release = ReleaseBody("504", [packages[0].Id(), packages[1].Id()], "resident", "Camille Tremblay", resident.UserId, "pickup-code", code);
        var released = await (await _desk.PostJsonAsync(Desk + "/release", release)).JsonAsync(HttpStatusCode.OK);

        Assert.All(released.GetProperty("packages").EnumerateArray(), p => Assert.Equal(("released", "Camille Tremblay", "pickup-code"), (p.Str("state"), p.Str("releasedToName"), p.Str("identityCheck"))));
        var waiting = await (await resident.Client.GetAsync(unit + "/packages")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([packages[2].Id()], waiting.Items().Select(p => p.Id()));
        var email = await factory.WaitForAsync(resident.Email, "Vos colis ont été récupérés");
        Assert.Contains("remis à Camille Tremblay", email.TextBody, StringComparison.Ordinal);

        await (await _desk.PostJsonAsync(Desk + "/release", release)).ProblemAsync(HttpStatusCode.Conflict, "already-released");
        await (await _desk.PostJsonAsync(Desk + "/release", ReleaseBody("504", [elsewhere.Id()], "resident", "Camille Tremblay", resident.UserId, "pickup-code", code)))
            .ProblemAsync(HttpStatusCode.Conflict, "other-unit");
        await (await _desk.PostJsonAsync(Desk + "/release", ReleaseBody("504", [packages[2].Id()], "authorized", "marc GAGNON", null, "photo-id", null)))
            .ProblemAsync(HttpStatusCode.Conflict, "never-release");
        var expired = await (await _desk.PostJsonAsync(Desk + "/release", ReleaseBody("504", [packages[2].Id()], "authorized", "Luc Martin", null, "photo-id", null)))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(expired.GetProperty("errors").TryGetProperty("releasedTo.name", out _), expired.ToString());
        Assert.Equal("waiting", (await (await _desk.GetAsync($"{Desk}/{packages[2].Id()}")).JsonAsync(HttpStatusCode.OK)).Str("state"));

        var undone = await (await _desk.PostJsonAsync($"{Desk}/{packages[0].Id()}/undo-release", new { reason = "Mauvais colis remis" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("waiting", undone.Str("state"));
        Assert.Null(undone.OptionalStr("releasedToName"));

        await factory.AdvanceAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await _desk.RefreshAsync();
        await (await _desk.PostJsonAsync($"{Desk}/{packages[1].Id()}/undo-release", new { reason = "Trop tard" })).ProblemAsync(HttpStatusCode.Conflict, "undo-window-passed");
        var timeline = (await (await _desk.GetAsync($"{Desk}/{packages[0].Id()}")).JsonAsync(HttpStatusCode.OK)).TimelineKinds();
        Assert.Equal(["released", "release-notice", "release-undone"], timeline.Where(k => k.StartsWith("release", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LogAndRelease_ThroughTheFunctionsApp_SameOutcomes()
    {
        var resident = await factory.RegisterResidentAsync(_manager, "604", "Nadia Bélanger");
        var functions = new FunctionsApi(factory.Services);
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk);
        var cookie = await SignInThroughFunctionsAsync(functions, staff);

        var logged = await functions.SendAsync(ApiRequest.PostJson(Desk, PackageJourneys.LogBody("604", PackageJourneys.UpsTracking)) with { Cookie = cookie });
        Assert.True(logged.Status == 201, logged.ToString());
        var package = logged.Json();
        Assert.Equal(("waiting", "ups"), (package.Str("state"), package.Str("carrier")));
        var release = ReleaseBody("604", [package.Id()], "resident", "Nadia Bélanger", resident.UserId, "photo-id", null);
        var released = await functions.SendAsync(ApiRequest.PostJson(Desk + "/release", release) with { Cookie = cookie });
        Assert.True(released.Status == 200, released.ToString());
        var again = await functions.SendAsync(ApiRequest.PostJson(Desk + "/release", release) with { Cookie = cookie });
        Assert.Equal(409, again.Status);
        Assert.Equal("already-released", again.Json().Str("code"));

        var seen = await (await resident.Client.GetAsync($"{PackageJourneys.UnitPath(factory, "604")}/packages/{package.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("released", "Nadia Bélanger"), (seen.Str("state"), seen.Str("releasedToName")));
        Assert.Null(seen.OptionalStr("identityCheck"));
    }

    private static Dictionary<string, object?> ReleaseBody(string unit, string[] ids, string kind, string name, string? userId, string identityCheck, string? pickupCode) => new()
    {
        ["unitId"] = unit,
        ["packageIds"] = ids,
        ["releasedTo"] = new Dictionary<string, object?> { ["kind"] = kind, ["userId"] = userId, ["name"] = name },
        ["identityCheck"] = identityCheck,
        ["pickupCode"] = pickupCode,
    };

    private async Task<string> SignInThroughFunctionsAsync(FunctionsApi functions, TestStaff staff)
    {
        var cookies = new List<string>();
        var first = await functions.SendAsync(ApiRequest.PostJson("/api/auth/sign-in", new { email = staff.Email, password = staff.Password }), cookies);
        Assert.True(first.Status == 200, first.ToString());
        var challenge = string.Join("; ", ApiResponse.CookiesSet(cookies).Select(c => $"{c.Key}={c.Value}"));
        cookies.Clear();
        var second = await functions.SendAsync(ApiRequest.PostJson("/api/auth/sign-in/totp", new { code = factory.TotpCode(staff.TotpSecret) }) with { Cookie = challenge }, cookies);
        Assert.True(second.Status == 200, second.ToString());
        return string.Join("; ", ApiResponse.CookiesSet(cookies).Select(c => $"{c.Key}={c.Value}"));
    }
}
