using System.Net;
using System.Text.RegularExpressions;
using LoftsDesArts.Api.Tests.Support;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// Logging packages at the desk through the self-host's HTTP API with real sessions, the real SQLite store,
/// the background pump and the outbox: short ids, carrier detection, double submits, duplicates, refusals,
/// grouped arrival emails in each member's language, unknown recipients, stale edits and exceptions.
/// </summary>
public sealed partial class PackageLoggingTests(PackagePortalFactory factory) : IClassFixture<PackagePortalFactory>, IAsyncLifetime
{
    private HttpClient _manager = null!;
    private HttpClient _desk = null!;

    private string Desk => PackageJourneys.Desk(factory);

    public async Task InitializeAsync() => (_manager, _desk) = await factory.StaffAsync("504", "505", "506", "507", "508");

    public Task DisposeAsync()
    {
        _manager.Dispose();
        _desk.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Log_ForResidentsUnit_ShortIdCarrierIdempotentDuplicateRefusedThenConfirmed()
    {
        var resident = await factory.RegisterResidentAsync(_manager, "504", "Camille Tremblay");
        var body = PackageJourneys.LogBody("504", "1z 999aa1 0123456784");

        var logged = await (await _desk.PostJsonAsync(Desk, body)).JsonAsync(HttpStatusCode.Created);

        Assert.Matches(ShortIdOfToday(), logged.Str("shortId"));
        Assert.Equal(("waiting", "504", "ups", PackageJourneys.UpsTracking), (logged.Str("state"), logged.Str("unitId"), logged.Str("carrier"), logged.Str("trackingNumber")));
        var again = await (await _desk.PostJsonAsync(Desk, body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((logged.Id(), logged.Str("shortId")), (again.Id(), again.Str("shortId")));
        var unitList = await (await resident.Client.GetAsync(PackageJourneys.UnitPath(factory, "504") + "/packages")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(unitList.Items(), p => p.Str("trackingNumber") == PackageJourneys.UpsTracking);

        var second = PackageJourneys.LogBody("504", PackageJourneys.UpsTracking);
        var duplicate = await (await _desk.PostJsonAsync(Desk, second)).ProblemAsync(HttpStatusCode.Conflict, "duplicate-tracking");
        Assert.Equal(logged.Str("shortId"), duplicate.Str("existingShortId"));
        second["confirmDuplicate"] = true;
        var confirmed = await (await _desk.PostJsonAsync(Desk, second)).JsonAsync(HttpStatusCode.Created);

        Assert.NotEqual(logged.Id(), confirmed.Id());
        Assert.Matches(ShortIdOfToday(), confirmed.Str("shortId"));
        Assert.NotEqual(logged.Str("shortId"), confirmed.Str("shortId"));
        unitList = await (await resident.Client.GetAsync(PackageJourneys.UnitPath(factory, "504") + "/packages")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, unitList.Items().Count(p => p.Str("trackingNumber") == PackageJourneys.UpsTracking));
    }

    [Theory]
    [InlineData("!!")]
    [InlineData("1234567890123456789012345678901234567890A")]
    [InlineData("")]
    public async Task Log_AbsurdTrackingNumber_FieldErrorAndNothingWritten(string tracking)
    {
        var before = await PackageCountAsync();

        var problem = await (await _desk.PostJsonAsync(Desk, PackageJourneys.LogBody("504", tracking))).ProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.True(problem.GetProperty("errors").TryGetProperty("trackingNumber", out _), problem.ToString());
        Assert.Equal(before, await PackageCountAsync());
    }

    [Fact]
    public async Task Log_UnknownUnit_FieldErrorOnUnitAndNothingWritten()
    {
        var before = await PackageCountAsync();

        var problem = await (await _desk.PostJsonAsync(Desk, PackageJourneys.LogBody("9999", PackageJourneys.NewTracking()))).ProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.True(problem.GetProperty("errors").TryGetProperty("unitId", out _), problem.ToString());
        Assert.Equal(before, await PackageCountAsync());
    }

    [Fact]
    public async Task Arrivals_ThreeLoggedTogether_OneEmailPerOptedInMemberInTheirLanguage_OwnerOnlyAfterOptingIn()
    {
        await FlushArrivalsAsync();
        var fr = await factory.RegisterResidentAsync(_manager, "505", "Camille Gagnon", "fr", "tenant");
        var en = await factory.RegisterResidentAsync(_manager, "505", "Olivia Brown", "en", "occupant");
        var owner = await factory.RegisterResidentAsync(_manager, "505", "Marc Lavoie", "fr", "owner");

        var first = await _desk.LogAsync(factory, "505", carrier: "ups");
        await _desk.LogAsync(factory, "505", size: "large");
        await _desk.LogAsync(factory, "505", size: "envelope");
        await FlushArrivalsAsync();

        var french = Assert.Single(factory.EmailsTo(fr.Email, "colis vous attendent"));
        Assert.StartsWith("3 colis vous attendent à la réception", french.Subject, StringComparison.Ordinal);
        Assert.Contains("Réception, hall d'entrée", french.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tous les jours, de 7 h à 23 h", french.TextBody, StringComparison.Ordinal);
        Assert.Contains("UPS", french.TextBody, StringComparison.Ordinal);
        var english = Assert.Single(factory.EmailsTo(en.Email, "packages are waiting"));
        Assert.StartsWith("3 packages are waiting for you at the front desk", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Front desk, main lobby", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("Every day, 7 a.m. to 11 p.m.", english.TextBody, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(english.TextBody ?? "", ", arrived "));
        Assert.Empty(factory.EmailsTo(fr.Email, "Un colis vous attend"));
        Assert.Empty(factory.EmailsTo(owner.Email, "colis"));

        var timeline = await (await fr.Client.GetAsync($"{PackageJourneys.UnitPath(factory, "505")}/packages/{first.Id()}")).JsonAsync(HttpStatusCode.OK);
        var kinds = timeline.TimelineKinds();
        Assert.Equal("logged", kinds[0]);
        var notices = timeline.GetProperty("timeline").EnumerateArray().Where(e => e.Str("kind") == "notice").ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(("email", "sent"), (n.Str("channel"), n.Str("outcome"))));

        var optedIn = await (await owner.Client.PutJsonAsync(PackageJourneys.UnitPath(factory, "505") + "/package-preferences/notices", new { arrival = true, reminder = false, release = false }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.True(optedIn.GetProperty("notices").GetProperty("arrival").GetBoolean());
        await _desk.LogAsync(factory, "505");
        await FlushArrivalsAsync();

        var toOwner = Assert.Single(factory.EmailsTo(owner.Email, "colis"));
        Assert.Equal("Un colis vous attend à la réception", toOwner.Subject);
        Assert.Single(factory.EmailsTo(fr.Email, "Un colis vous attend"));
    }

    [Fact]
    public async Task Log_UnknownRecipient_NoEmailUntilAssignedThenWaitingAndAnnounced()
    {
        await FlushArrivalsAsync();
        var resident = await factory.RegisterResidentAsync(_manager, "506", "Julie Roy");
        var body = PackageJourneys.LogBody(null, PackageJourneys.NewTracking());
        body["recipientName"] = "J. Roy";

        var logged = await (await _desk.PostJsonAsync(Desk, body)).JsonAsync(HttpStatusCode.Created);
        await FlushArrivalsAsync();

        Assert.Equal("unknown-recipient", logged.Str("state"));
        Assert.Equal("J. Roy", logged.Str("recipientName"));
        Assert.Null(logged.OptionalStr("unitId"));
        Assert.Empty(factory.EmailsTo(resident.Email, "colis"));
        var unknown = await (await _desk.GetAsync(Desk + "?state=unknown-recipient")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(unknown.Items(), p => p.Id() == logged.Id());

        var assigned = await (await _desk.PostJsonAsync($"{Desk}/{logged.Id()}/recipient", new { unitId = "506", recipientUserId = resident.UserId })).JsonAsync(HttpStatusCode.OK);
        await FlushArrivalsAsync();

        Assert.Equal(("waiting", "506", "Julie Roy"), (assigned.Str("state"), assigned.Str("unitId"), assigned.Str("recipientName")));
        Assert.Single(factory.EmailsTo(resident.Email, "Un colis vous attend"));
        var detail = await (await _desk.GetAsync($"{Desk}/{logged.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["logged", "recipient-assigned", "notice"], detail.TimelineKinds());
    }

    [Fact]
    public async Task Edit_StaleVersion_PreconditionFailedAndNothingChanged()
    {
        var logged = await _desk.LogAsync(factory, "507");
        var edit = new { version = logged.Str("version"), carrier = "purolator", size = "large", flags = new[] { "fragile" }, location = "B1", note = "Coin écrasé" };
        var edited = await (await _desk.PutJsonAsync($"{Desk}/{logged.Id()}", edit)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("purolator", "large", "B1"), (edited.Str("carrier"), edited.Str("size"), edited.Str("location")));

        var stale = edit with { version = logged.Str("version"), carrier = "fedex", location = "C9" };
        await (await _desk.PutJsonAsync($"{Desk}/{logged.Id()}", stale)).ProblemAsync(HttpStatusCode.PreconditionFailed, "stale");

        var now = await (await _desk.GetAsync($"{Desk}/{logged.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("purolator", "B1", "Coin écrasé", edited.Str("version")), (now.Str("carrier"), now.Str("location"), now.Str("note"), now.Str("version")));
        Assert.Equal(["logged", "edited"], now.TimelineKinds());
    }

    [Fact]
    public async Task Edit_AfterTheSystemRecordedTheArrivalNotice_NotStale()
    {
        await factory.RegisterResidentAsync(_manager, "508", "Maude Lavoie");
        var logged = await _desk.LogAsync(factory, "508");
        await FlushArrivalsAsync();
        var noticed = await (await _desk.GetAsync($"{Desk}/{logged.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("notice", noticed.TimelineKinds()); // The package document changed since the desk read it…

        var edit = new { version = logged.Str("version"), carrier = "ups", size = "small", flags = Array.Empty<string>(), location = "D2", note = (string?)null };
        var edited = await (await _desk.PutJsonAsync($"{Desk}/{logged.Id()}", edit)).JsonAsync(HttpStatusCode.OK); // …but not by a person.

        Assert.Equal(("ups", "D2"), (edited.Str("carrier"), edited.Str("location")));
        Assert.NotEqual(logged.Str("version"), edited.Str("version"));
    }

    [Fact]
    public async Task Exceptions_ReturnedMissingDamaged_RecordedWithNote_ReturnedLeavesWaitingList()
    {
        var returned = await _desk.LogAsync(factory, "508");
        var missing = await _desk.LogAsync(factory, "508");
        var damaged = await _desk.LogAsync(factory, "508");

        var r = await (await _desk.PostJsonAsync($"{Desk}/{returned.Id()}/exception", new { kind = "returned", note = "Refusé, retour à l'expéditeur" })).JsonAsync(HttpStatusCode.OK);
        var m = await (await _desk.PostJsonAsync($"{Desk}/{missing.Id()}/exception", new { kind = "missing", note = "Introuvable à l'étagère A3" })).JsonAsync(HttpStatusCode.OK);
        var d = await (await _desk.PostJsonAsync($"{Desk}/{damaged.Id()}/exception", new { kind = "damaged", note = "Boîte mouillée" })).JsonAsync(HttpStatusCode.OK);
        await (await _desk.PostJsonAsync($"{Desk}/{damaged.Id()}/exception", new { kind = "damaged", note = "" })).ProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.Equal("returned", r.Str("state"));
        Assert.Equal("missing", m.Str("state"));
        Assert.Equal(("waiting", true), (d.Str("state"), d.GetProperty("damaged").GetBoolean()));
        var waiting = await (await _desk.GetAsync(Desk + "?unitId=508")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([damaged.Id()], waiting.Items().Select(p => p.Id()));
        var exceptions = await (await _desk.GetAsync(Desk + "?state=exceptions&unitId=508")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(exceptions.Items(), p => p.Id() == returned.Id());
        var detail = await (await _desk.GetAsync($"{Desk}/{returned.Id()}")).JsonAsync(HttpStatusCode.OK);
        var last = detail.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal(("returned", "Refusé, retour à l'expéditeur"), (last.Str("kind"), last.Str("detail")));
    }

    /// <summary>Lets every pending arrival digest reach its cap and go out.</summary>
    private async Task FlushArrivalsAsync() => await factory.AdvanceAsync(TimeSpan.FromSeconds(21));

    /// <summary>Open packages of the building, as the desk's counts give them.</summary>
    private async Task<int> PackageCountAsync()
    {
        var counts = (await (await _desk.GetAsync(Desk)).JsonAsync(HttpStatusCode.OK)).GetProperty("counts");
        return counts.GetProperty("waiting").GetInt32() + counts.GetProperty("unknownRecipient").GetInt32();
    }

    private Regex ShortIdOfToday() => new($"^LDA-{factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-5)):yyyyMMdd}-\\d{{4}}$");
}
