using System.Net;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// Reminders written by the self-host's own scheduler on its (fake) clock and sent by the pump to the outbox:
/// the default schedule (day 3, day 7, final notice day 12) at the arrival's local time of day, across the
/// 2026-11-01 fall-back change in Montréal, each stage once, a stage inside a vacation hold skipped, and
/// nothing more once the package is released.
/// </summary>
public sealed class PackageReminderTests(DstPackagePortalFactory factory) : IClassFixture<DstPackagePortalFactory>
{
    /// <summary>2026-11-01 08:30 EST: three days after the 08:30 EDT arrival, one hour later in UTC.</summary>
    private static readonly DateTimeOffset Day3 = new(2026, 11, 1, 13, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Day7 = new(2026, 11, 5, 13, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Day12 = new(2026, 11, 10, 13, 30, 0, TimeSpan.Zero);

    private string Desk => PackageJourneys.Desk(factory);

    [Fact]
    public async Task Reminders_DefaultScheduleAcrossFallBack_EachOnceAtLocalTime_HoldSkips_ReleaseStops()
    {
        var (manager, desk) = await factory.StaffAsync("801", "802", "803");
        var released = await factory.RegisterResidentAsync(manager, "801", "Camille Tremblay");
        var away = await factory.RegisterResidentAsync(manager, "802", "Olivia Brown", "en");
        var waiting = await factory.RegisterResidentAsync(manager, "803", "Gabriel Fortin");
        var hold = await (await away.Client.GetAsync(PackageJourneys.UnitPath(factory, "802") + "/package-preferences")).JsonAsync(HttpStatusCode.OK);
        await (await away.Client.PutJsonAsync(PackageJourneys.UnitPath(factory, "802") + "/package-preferences", new
        {
            version = hold.OptionalStr("version"),
            authorized = Array.Empty<object>(),
            neverRelease = Array.Empty<object>(),
            instructions = (string?)null,
            vacationHold = new { from = "2026-10-31", to = "2026-11-02" },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(DstPackagePortalFactory.Arrival, factory.Clock.GetUtcNow());
        var a = await desk.LogAsync(factory, "801");
        var b = await desk.LogAsync(factory, "802");
        var c = await desk.LogAsync(factory, "803");
        await factory.AdvanceAsync(TimeSpan.FromSeconds(21));
        Assert.Single(factory.EmailsTo(released.Email, "Un colis vous attend"));

        // 08:30 the naive way (EDT, UTC−4) on day 3 is 07:30 EST: before the reminder's time.
        await factory.AdvanceToAsync(Day3.AddHours(-1));
        Assert.Empty(factory.EmailsTo(released.Email, "Rappel"));
        await factory.AdvanceToAsync(Day3);
        await factory.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Single(factory.EmailsTo(released.Email, "Rappel"));
        Assert.Single(factory.EmailsTo(waiting.Email, "Rappel"));
        Assert.Empty(factory.EmailsTo(away.Email, "Reminder"));

        await factory.AdvanceToAsync(Day7);
        await factory.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, factory.EmailsTo(released.Email, "Rappel").Count);
        Assert.Equal(2, factory.EmailsTo(waiting.Email, "Rappel").Count);
        Assert.Single(factory.EmailsTo(away.Email, "Reminder: a package is waiting for you"));

        using var laterDesk = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk));
        await (await laterDesk.PostJsonAsync(Desk + "/release", new
        {
            unitId = "801",
            packageIds = new[] { a.Id() },
            releasedTo = new { kind = "resident", userId = released.UserId, name = released.Name },
            identityCheck = "photo-id",
        })).JsonAsync(HttpStatusCode.OK);
        await factory.AdvanceToAsync(Day12);
        await factory.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Empty(factory.EmailsTo(released.Email, "Dernier avis"));
        Assert.Equal(2, factory.EmailsTo(released.Email, "Rappel").Count);
        var final = Assert.Single(factory.EmailsTo(waiting.Email, "Dernier avis"));
        Assert.Single(factory.EmailsTo(away.Email, "Final notice"));
        Assert.Equal(2, factory.EmailsTo(waiting.Email, "Rappel").Count);

        // Days later on the fake clock: that desk session has ended; a new one reads the timelines.
        using var finalDesk = await factory.SignInStaffAsync(await factory.CreateStaffAsync(factory.BuildingId, Core.Access.Role.FrontDesk));
        var timeline = await (await finalDesk.GetAsync($"{Desk}/{c.Id()}")).JsonAsync(HttpStatusCode.OK);
        var reminders = timeline.GetProperty("timeline").EnumerateArray()
            .Where(e => e.Str("kind") is "reminder" or "final-notice" || e.OptionalStr("detail") is "reminder" or "final-notice")
            .Select(e => e.GetProperty("at").GetDateTimeOffset()).Distinct().ToList();
        Assert.Equal([Day3, Day7, Day12], reminders);
        var forB = await (await finalDesk.GetAsync($"{Desk}/{b.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(forB.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("at").GetDateTimeOffset() == Day3);
        Assert.NotNull(final.TextBody);
    }
}
