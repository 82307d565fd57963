using System.Net;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// The desk's waiting list past one page, and its counts at the building's midnight (America/Toronto): the
/// counts are of the whole building, whatever page the desk reads.
/// </summary>
public sealed class PackageDeskPagingTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>
{
    private const int PageSize = 50;

    private string Desk => PackageJourneys.Desk(factory);

    [Fact]
    public async Task WaitingList_MoreThanAPage_PagedOldestFirstFilteredWholeAndCountedAtLocalMidnight()
    {
        var (manager, desk) = await factory.StaffAsync("801", "802", "803");
        var resident = await factory.RegisterResidentAsync(manager, "801", "Noémie Gagnon");
        var logged = new List<string>();
        for (var i = 0; i < PageSize + 3; i++)
        {
            logged.Add((await desk.LogAsync(factory, (801 + (i % 3)).ToString(System.Globalization.CultureInfo.InvariantCulture))).Id());
            factory.Clock.Advance(TimeSpan.FromSeconds(5)); // Distinct arrival times, well inside the access token's life.
        }

        var released = logged[0];
        await (await desk.PostJsonAsync(Desk + "/release", new
        {
            unitId = "801",
            packageIds = new[] { released },
            releasedTo = new { kind = "resident", userId = resident.UserId, name = resident.Name },
            identityCheck = "known-to-staff",
        })).JsonAsync(HttpStatusCode.OK);

        var first = await ListAsync(desk, "");
        var continuation = Continuation(first);
        Assert.NotNull(continuation);
        var second = await ListAsync(desk, "&continuation=" + Uri.EscapeDataString(continuation));
        Assert.Null(Continuation(second));

        var pages = first.Items().Concat(second.Items()).ToList();
        Assert.Equal(PageSize, first.Items().Count);
        Assert.Equal(logged.Skip(1), pages.Select(p => p.Id())); // Oldest first, each once; the released one is gone.
        Assert.Equal((PageSize + 2, 0, 1), Counts(first));
        Assert.Equal(Counts(first), Counts(second));

        // A filter reads the open list whole: every match on one page (here, the shelf they all share).
        var shelf = await ListAsync(desk, "&location=a3");
        Assert.Null(Continuation(shelf));
        Assert.Equal(logged.Skip(1), shelf.Items().Select(p => p.Id()));

        // Overdue after one day: at 23:59:59 in Montréal nothing is overdue yet and the release was today;
        // two seconds later, past midnight, every waiting package is overdue and nothing was released today.
        var settingsPath = $"/api/buildings/{factory.BuildingId}/package-settings";
        var settings = JsonSerializer.Deserialize<Dictionary<string, object?>>((await (await manager.GetAsync(settingsPath)).JsonAsync(HttpStatusCode.OK)).GetRawText())!;
        settings["overdueAfterDays"] = 1;
        await (await manager.PutJsonAsync(settingsPath, settings)).JsonAsync(HttpStatusCode.OK);
        var midnight = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.FromHours(-5));
        await factory.AdvanceToAsync(midnight - TimeSpan.FromSeconds(1));
        using var evening = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk));
        Assert.Equal((PageSize + 2, 0, 1), Counts(await ListAsync(evening, "")));

        await factory.AdvanceAsync(TimeSpan.FromSeconds(2));
        await evening.RefreshAsync();
        var morning = await ListAsync(evening, "");
        Assert.Equal((PageSize + 2, PageSize + 2, 0), Counts(morning));
        Assert.All(morning.Items(), p => Assert.True(p.GetProperty("overdue").GetBoolean()));
    }

    private async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync(Desk + "?state=waiting" + query)).JsonAsync(HttpStatusCode.OK);

    /// <summary>The next page's token; absent (or null) on the last page.</summary>
    private static string? Continuation(JsonElement list) =>
        list.TryGetProperty("continuation", out var token) ? token.GetString() : null;

    private static (int Waiting, int Overdue, int ReleasedToday) Counts(JsonElement list)
    {
        var c = list.GetProperty("counts");
        return (c.GetProperty("waiting").GetInt32(), c.GetProperty("overdue").GetInt32(), c.GetProperty("releasedToday").GetInt32());
    }
}
