using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Tests.Packages;

public sealed class ReminderPlannerTests
{
    private static readonly ReminderPlanner Planner = new(PackageReminderSettings.Default);

    /// <summary>Thursday 2026-11-26 14:03:11 in Montréal (EST, UTC−5).</summary>
    private static readonly DateTimeOffset Arrival = Utc("2026-11-26T19:03:11Z");

    private static readonly ReminderStage R1 = ReminderStage.Reminder(1);
    private static readonly ReminderStage R2 = ReminderStage.Reminder(2);
    private static readonly ReminderStage Final = ReminderStage.FinalNotice;

    [Fact]
    public void Schedule_DefaultSettings_IsDays3And7ThenFinalNoticeOnDay12AtTheArrivalTime()
    {
        var plan = Planner.Schedule(Arrival);

        Assert.Equal(
            [
                new PlannedReminder(R1, 3, Utc("2026-11-29T19:03:11Z"), false),
                new PlannedReminder(R2, 7, Utc("2026-12-03T19:03:11Z"), false),
                new PlannedReminder(Final, 12, Utc("2026-12-08T19:03:11Z"), false),
            ],
            plan);
        Assert.Equal(new DateOnly(2026, 12, 10), Planner.ReturnDate(Arrival));
    }

    [Fact]
    public void Next_StagesSentOneByOne_WalksTheScheduleThenStops()
    {
        Assert.Equal(new DueReminder(R1, Utc("2026-11-29T19:03:11Z")), Planner.Next(Arrival, []));
        Assert.Equal(new DueReminder(R2, Utc("2026-12-03T19:03:11Z")), Planner.Next(Arrival, [R1]));
        Assert.Equal(new DueReminder(Final, Utc("2026-12-08T19:03:11Z")), Planner.Next(Arrival, [R1, R2]));
        Assert.Null(Planner.Next(Arrival, [R1, R2, Final]));
    }

    [Fact]
    public void Next_LaterStageAlreadySent_NeverGoesBackToAnEarlierOne()
    {
        Assert.Equal(Final, Planner.Next(Arrival, [R2])!.Stage);
        Assert.Null(Planner.Next(Arrival, [Final]));
    }

    [Fact]
    public void Next_ArrivalAt2350_IsClampedToTheWindowOpeningTheMorningAfter()
    {
        // 23:50 EST on 2026-11-26; day 3 is 2026-11-29 at 23:50, after 21:00 → 2026-11-30 08:00 EST.
        var late = Utc("2026-11-27T04:50:00Z");

        Assert.Equal(new DueReminder(R1, Utc("2026-11-30T13:00:00Z")), Planner.Next(late, []));
        Assert.Equal(new DateOnly(2026, 11, 26), Planner.LocalDate(late));
    }

    [Fact]
    public void Next_ArrivalBeforeTheWindow_IsMovedToTheOpeningThatDay()
    {
        // 06:15 EST → 08:00 EST on day 3.
        Assert.Equal(Utc("2026-11-29T13:00:00Z"), Planner.Next(Utc("2026-11-26T11:15:00Z"), [])!.DueAt);
    }

    [Fact]
    public void Next_AtExactlyTheClosingTime_GoesToTheNextMorning()
    {
        // 21:00 EST is outside [08:00, 21:00).
        Assert.Equal(Utc("2026-11-30T13:00:00Z"), Planner.Next(Utc("2026-11-27T02:00:00Z"), [])!.DueAt);
    }

    [Fact]
    public void Next_AcrossSpringForward_KeepsTheWallClockTime()
    {
        // 2026-03-05 08:30 EST (UTC−5); day 3 is Sunday 2026-03-08, after the change: 08:30 EDT (UTC−4).
        var due = Planner.Next(Utc("2026-03-05T13:30:00Z"), [])!;

        Assert.Equal(Utc("2026-03-08T12:30:00Z"), due.DueAt);
        Assert.Equal(new TimeOnly(8, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(due.DueAt, Planner.TimeZone).DateTime));
    }

    [Fact]
    public void Next_AcrossFallBack_KeepsTheWallClockTime()
    {
        // 2026-10-29 08:30 EDT (UTC−4); day 3 is Sunday 2026-11-01, after the change: 08:30 EST (UTC−5).
        Assert.Equal(Utc("2026-11-01T13:30:00Z"), Planner.Next(Utc("2026-10-29T12:30:00Z"), [])!.DueAt);
    }

    [Fact]
    public void Next_TimeInTheSkippedSpringHour_MovesForwardByAnHour()
    {
        var night = new ReminderPlanner(PackageReminderSettings.Default with { SendingHours = new SendingHours(new TimeOnly(1, 0), new TimeOnly(23, 0)) });

        // 2026-03-05 02:30 EST; 2026-03-08 02:30 does not exist → 03:30 EDT, which is 07:30 UTC.
        var due = night.Next(Utc("2026-03-05T07:30:00Z"), [])!;

        Assert.Equal(Utc("2026-03-08T07:30:00Z"), due.DueAt);
        Assert.Equal(new TimeOnly(3, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(due.DueAt, night.TimeZone).DateTime));
    }

    [Fact]
    public void Next_AmbiguousFallBackTime_TakesTheFirstOccurrence()
    {
        var night = new ReminderPlanner(PackageReminderSettings.Default with { SendingHours = new SendingHours(new TimeOnly(1, 0), new TimeOnly(23, 0)) });

        // 2026-10-29 01:30 EDT; 2026-11-01 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), night.Next(Utc("2026-10-29T05:30:00Z"), [])!.DueAt);
    }

    [Fact]
    public void ToInstant_OrdinaryWinterAndSummerTimes_UseTheirOffsets()
    {
        Assert.Equal(Utc("2026-01-15T13:00:00Z"), Planner.ToInstant(new DateOnly(2026, 1, 15), new TimeOnly(8, 0)));
        Assert.Equal(Utc("2026-07-15T12:00:00Z"), Planner.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(8, 0)));
    }

    [Fact]
    public void Next_VacationCoversDay3Only_SkipsTheFirstReminderWithoutPostponingIt()
    {
        VacationHold[] holds = [new(new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29))];

        Assert.Equal(new DueReminder(R2, Utc("2026-12-03T19:03:11Z")), Planner.Next(Arrival, [], holds));
        Assert.Equal([true, false, false], Planner.Schedule(Arrival, holds).Select(p => p.SkippedForVacation));
    }

    [Fact]
    public void Next_VacationCoversEveryStage_IsNone()
    {
        VacationHold[] holds = [new(new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 10))];

        Assert.Null(Planner.Next(Arrival, [], holds));
        Assert.All(Planner.Schedule(Arrival, holds), p => Assert.True(p.SkippedForVacation));
    }

    [Fact]
    public void Next_VacationEndsBeforeTheFinalNoticeDay_StillSendsTheFinalNotice()
    {
        VacationHold[] holds = [new(new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 7))];

        Assert.Equal(new DueReminder(Final, Utc("2026-12-08T19:03:11Z")), Planner.Next(Arrival, [], holds));
    }

    [Fact]
    public void Next_VacationCoversTheFinalNoticeDay_SkipsItToo()
    {
        VacationHold[] holds = [new(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 8))];

        Assert.Null(Planner.Next(Arrival, [R1, R2], holds));
        Assert.Equal(R1, Planner.Next(Arrival, [], holds)!.Stage);
    }

    [Fact]
    public void Next_ClampedOntoAVacationDay_IsSkipped()
    {
        // Arrival 23:50: day 3 (2026-11-29) is sent on 2026-11-30 at 08:00, and that day is on hold.
        VacationHold[] holds = [new(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30))];

        Assert.Equal(R2, Planner.Next(Utc("2026-11-27T04:50:00Z"), [], holds)!.Stage);
    }

    [Fact]
    public void Next_SeveralHolds_EachSkipsOnlyItsOwnDays()
    {
        VacationHold[] holds =
        [
            new(new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 29)),
            new(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 20)),
        ];

        Assert.Equal(R2, Planner.Next(Arrival, [], holds)!.Stage);
        Assert.Null(Planner.Next(Arrival, [R2], holds));
    }

    [Fact]
    public void Next_OnOrAfterTheReturnDay_IsNone()
    {
        // Return date 2026-12-10; 10:00 EST that day.
        Assert.Null(Planner.Next(Arrival, [], asOf: Utc("2026-12-10T15:00:00Z")));
        Assert.Null(Planner.Next(Arrival, [R1, R2], asOf: Utc("2027-01-05T15:00:00Z")));
    }

    [Fact]
    public void Next_StageClampedOntoTheReturnDay_IsDropped()
    {
        var tight = new ReminderPlanner(PackageReminderSettings.Default with { FinalNoticeDay = 13, ReturnDay = 14 });

        // Arrival 23:50 on 2026-11-26: day 13 is 2026-12-09 at 23:50 → 2026-12-10 08:00, the return date.
        var late = Utc("2026-11-27T04:50:00Z");

        Assert.Equal([R1, R2], tight.Schedule(late).Select(p => p.Stage));
        Assert.Null(tight.Next(late, [R1, R2]));
    }

    [Fact]
    public void Next_AfterAnOutage_SendsOnlyTheLatestStageAlreadyDue()
    {
        // On 2026-12-04 both day 3 and day 7 have passed: reminder 2 supersedes reminder 1.
        Assert.Equal(new DueReminder(R2, Utc("2026-12-03T19:03:11Z")), Planner.Next(Arrival, [], asOf: Utc("2026-12-04T17:00:00Z")));

        // Before anything is due, asOf changes nothing.
        Assert.Equal(R1, Planner.Next(Arrival, [], asOf: Utc("2026-11-27T17:00:00Z"))!.Stage);
    }

    [Fact]
    public void Schedule_ReminderDaysUnsortedOrAtTheFinalNoticeDay_AreOrderedAndFiltered()
    {
        var odd = new ReminderPlanner(PackageReminderSettings.Default with { ReminderDays = [9, 2, 12, 2] });

        var plan = odd.Schedule(Arrival);

        Assert.Equal([(R1, 2), (R2, 9), (Final, 12)], plan.Select(p => (p.Stage, p.Day)));
    }

    [Theory]
    [InlineData("2026-11-26T13:00:00Z", true)]   // 08:00 EST
    [InlineData("2026-11-26T12:59:59Z", false)]  // 07:59:59 EST
    [InlineData("2026-11-27T01:59:59Z", true)]   // 20:59:59 EST
    [InlineData("2026-11-27T02:00:00Z", false)]  // 21:00 EST
    [InlineData("2026-07-01T12:00:00Z", true)]   // 08:00 EDT
    [InlineData("2026-07-01T11:59:00Z", false)]  // 07:59 EDT
    public void IsWithinSendingHours_Instant_IsJudgedInBuildingTime(string instant, bool within) =>
        Assert.Equal(within, Planner.IsWithinSendingHours(Utc(instant)));

    [Theory]
    [InlineData("2026-11-27T04:50:00Z", "2026-11-27T13:00:00Z")] // 23:50 → 08:00 next morning
    [InlineData("2026-11-26T10:00:00Z", "2026-11-26T13:00:00Z")] // 05:00 → 08:00 same day
    [InlineData("2026-11-26T15:00:00Z", "2026-11-27T13:00:00Z")] // inside the window → tomorrow's opening
    [InlineData("2026-11-26T13:00:00Z", "2026-11-27T13:00:00Z")] // exactly at the opening → the next one
    [InlineData("2026-03-07T23:00:00Z", "2026-03-08T12:00:00Z")] // 18:00 EST → 08:00 EDT after spring forward
    [InlineData("2026-10-31T23:00:00Z", "2026-11-01T13:00:00Z")] // 19:00 EDT → 08:00 EST after fall back
    public void NextSendingWindowStart_Instant_IsTheNextOpeningInBuildingTime(string instant, string expected) =>
        Assert.Equal(Utc(expected), Planner.NextSendingWindowStart(Utc(instant)));

    [Fact]
    public void EarliestSendingTime_InsideOrOutsideTheWindow_IsNowOrTheNextOpening()
    {
        Assert.Equal(Utc("2026-11-26T15:00:00Z"), Planner.EarliestSendingTime(Utc("2026-11-26T15:00:00Z")));
        Assert.Equal(Utc("2026-11-27T13:00:00Z"), Planner.EarliestSendingTime(Utc("2026-11-27T04:50:00Z")));
    }

    [Theory]
    [InlineData("2026-11-26T04:00:00Z", "2026-11-26T12:00:00Z", 1)] // 23:00 on the 25th → 07:00 on the 26th
    [InlineData("2026-11-26T19:03:11Z", "2026-11-27T04:59:00Z", 0)] // same local day (23:59)
    [InlineData("2026-11-26T19:03:11Z", "2026-12-03T13:00:00Z", 7)]
    [InlineData("2026-11-26T19:03:11Z", "2026-11-26T10:00:00Z", 0)] // clock before arrival: never negative
    public void AgeDays_ArrivalAndNow_CountsLocalDates(string arrivedAt, string now, int expected) =>
        Assert.Equal(expected, Planner.AgeDays(Utc(arrivedAt), Utc(now)));

    [Theory]
    [InlineData("reminder-1", ReminderKind.Reminder, 1)]
    [InlineData("reminder-12", ReminderKind.Reminder, 12)]
    [InlineData("final-notice", ReminderKind.FinalNotice, 0)]
    public void ReminderStage_Key_RoundTrips(string key, ReminderKind kind, int number)
    {
        Assert.True(ReminderStage.TryParse(key, out var stage));
        Assert.Equal(kind, stage.Kind);
        Assert.Equal(number, stage.Number);
        Assert.Equal(key, stage.Key);
        Assert.Equal(key, stage.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("reminder-0")]
    [InlineData("reminder-")]
    [InlineData("reminder-+1")]
    [InlineData("Final-Notice")]
    public void ReminderStage_BadKey_DoesNotParse(string? key) => Assert.False(ReminderStage.TryParse(key, out _));

    [Fact]
    public void Validate_DefaultSettings_HasNoErrors() => Assert.Empty(PackageReminderSettings.Default.Validate());

    [Fact]
    public void Validate_InconsistentSettings_NamesEachBadField()
    {
        var bad = PackageReminderSettings.Default with
        {
            ReminderDays = [3, 3, 12],
            FinalNoticeDay = 14,
            ReturnDay = 14,
            SendingHours = new SendingHours(new TimeOnly(21, 0), new TimeOnly(8, 0)),
            TimeZoneId = "Mars/Olympus_Mons",
        };

        var errors = bad.Validate();

        Assert.Equal(["finalNoticeDay", "reminderDays", "sendingHours", "timeZone"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, e => Assert.False(string.IsNullOrWhiteSpace(e.Fr) || string.IsNullOrWhiteSpace(e.En)));
        Assert.Throws<TimeZoneNotFoundException>(() => new ReminderPlanner(bad));
    }

    private static DateTimeOffset Utc(string value) =>
        DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
