using System.Net;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>The desk's list through the self-host: states, filters and the counts, as days pass on the host's clock.</summary>
public sealed class PackageDeskListTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>
{
    private string Desk => PackageJourneys.Desk(factory);

    [Fact]
    public async Task List_StatesFiltersAndCounts_FollowTheDesksWorkAndTheClock()
    {
        var (manager, desk) = await factory.StaffAsync("701", "702");
        var resident = await factory.RegisterResidentAsync(manager, "701", "Léa Morin");
        var ups = await desk.LogAsync(factory, "701", PackageJourneys.UpsTracking);
        var big = await desk.LogAsync(factory, "701", size: "large");
        var other = await desk.LogAsync(factory, "702");
        var toRelease = await desk.LogAsync(factory, "702");
        var toReturn = await desk.LogAsync(factory, "702");
        var unknownBody = PackageJourneys.LogBody(null, PackageJourneys.NewTracking());
        unknownBody["recipientName"] = "Inconnu au bataillon";
        var unknown = await (await desk.PostJsonAsync(Desk, unknownBody)).JsonAsync(HttpStatusCode.Created);
        await (await desk.PostJsonAsync(Desk + "/release", new
        {
            unitId = "702",
            packageIds = new[] { toRelease.Id() },
            releasedTo = new { kind = "authorized", name = "Personne" },
            identityCheck = "photo-id",
        })).ProblemAsync(HttpStatusCode.BadRequest, "validation");
        var residentOf702 = await factory.RegisterResidentAsync(manager, "702", "Hugo Pelletier");
        await (await desk.PostJsonAsync(Desk + "/release", new
        {
            unitId = "702",
            packageIds = new[] { toRelease.Id() },
            releasedTo = new { kind = "resident", userId = residentOf702.UserId, name = residentOf702.Name },
            identityCheck = "photo-id",
        })).JsonAsync(HttpStatusCode.OK);
        await (await desk.PostJsonAsync($"{Desk}/{toReturn.Id()}/exception", new { kind = "returned", note = "Adresse erronée" })).JsonAsync(HttpStatusCode.OK);

        var waiting = await ListAsync(desk, "");
        Assert.Equal(Sorted(ups, big, other), Ids(waiting));
        Assert.Equal((3, 0, 1, 1), Counts(waiting));
        Assert.Equal([ups.Id()], Ids(await ListAsync(desk, "?carrier=ups")));
        Assert.Equal(Sorted(ups, big), Ids(await ListAsync(desk, "?unitId=701")));
        Assert.Equal([unknown.Id()], Ids(await ListAsync(desk, "?state=unknown-recipient")));
        Assert.Equal([toRelease.Id()], Ids(await ListAsync(desk, "?state=released")));
        Assert.Equal([toReturn.Id()], Ids(await ListAsync(desk, "?state=exceptions")));
        Assert.Empty(Ids(await ListAsync(desk, "?minAgeDays=1")));
        await (await desk.GetAsync(Desk + "?state=lost")).ProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Overdue after one day (the building's setting, changed by the manager) keeps the clock's jump short.
        var settingsPath = $"/api/buildings/{factory.BuildingId}/package-settings";
        var settings = JsonSerializer.Deserialize<Dictionary<string, object?>>((await ListSettingsAsync(manager, settingsPath)).GetRawText())!;
        settings["overdueAfterDays"] = 1;
        await (await manager.PutJsonAsync(settingsPath, settings)).JsonAsync(HttpStatusCode.OK);
        await factory.AdvanceAsync(TimeSpan.FromDays(1));
        using var nextWeek = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk));

        var later = await ListAsync(nextWeek, "");
        Assert.Equal((3, 3, 1, 0), Counts(later));
        Assert.All(later.Items(), p => Assert.True(p.GetProperty("overdue").GetBoolean()));
        Assert.Equal(Sorted(ups, big, other), Ids(await ListAsync(nextWeek, "?minAgeDays=1")));
        await resident.Client.RefreshAsync();
        var residentView = await (await resident.Client.GetAsync(PackageJourneys.UnitPath(factory, "701") + "/packages")).JsonAsync(HttpStatusCode.OK);
        Assert.All(residentView.Items(), p => Assert.Equal(1, p.GetProperty("ageDays").GetInt32()));
    }

    private static async Task<JsonElement> ListSettingsAsync(HttpClient manager, string path) =>
        await (await manager.GetAsync(path)).JsonAsync(HttpStatusCode.OK);

    private async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync(Desk + query)).JsonAsync(HttpStatusCode.OK);

    /// <summary>The ids, sorted: packages logged at the same instant of the fake clock have no order between them.</summary>
    private static List<string> Ids(JsonElement list) => [.. list.Items().Select(p => p.Id()).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(params JsonElement[] packages) => [.. packages.Select(p => p.Id()).Order(StringComparer.Ordinal)];

    private static (int Waiting, int Overdue, int Unknown, int ReleasedToday) Counts(JsonElement list)
    {
        var c = list.GetProperty("counts");
        return (c.GetProperty("waiting").GetInt32(), c.GetProperty("overdue").GetInt32(), c.GetProperty("unknownRecipient").GetInt32(), c.GetProperty("releasedToday").GetInt32());
    }
}
