using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Email;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Xunit.Abstractions;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// The crash test of issue 3: a separate self-host process (<c>--demo</c>, SQLite and the <c>.eml</c> outbox in a temp
/// data folder) is killed with SIGKILL at random points while the front desk logs a burst of packages, and restarted on
/// the same data folder each time; the desk carries on, retrying an interrupted log with the same clientRequestId as the
/// page does. Afterwards, from the store and the outbox: every package exists once, every package is in exactly one
/// arrival notice per resident who wants them, every such notice was sent and is in the outbox, and duplicates (a
/// second <c>.eml</c> with one Message-ID) are counted and reported.
/// </summary>
/// <remarks>Takes about a minute on a quiet 2-core machine (most of it is the 22 process starts; about three on a busy one). Set
/// <c>LDA_CRASH_SEED</c> to replay a run: the seed is printed.</remarks>
public sealed class PackageCrashTests(ITestOutputHelper output)
{
    private const int Packages = 200;
    private const int Kills = 20;
    private const int Units = 8;

    [Fact]
    public async Task LogBurst_ProcessKilledAtRandomPoints_EveryPackageOnceAndEveryArrivalNoticeSentOnce()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LDA_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (LDA_CRASH_SEED={seed} replays this run's choices)");
        var random = new Random(seed);
        var folder = Path.Combine(Path.GetTempPath(), "lda-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage__DataFolder"] = folder,
            // Arrivals for a unit are grouped for 1 s (default 10 s) so notices go out during the burst, between kills.
            ["Packages__ArrivalGroupingWindow"] = "00:00:01",
            ["Packages__ArrivalGroupingCap"] = "00:00:03",
            // A notice left in "sending" by a kill is taken over after 5 s instead of 5 min, within the settle time.
            ["Notices__SendingLease"] = "00:00:05",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        SelfHostProcess? server = null;
        try
        {
            // First start seeds the demo building and prints the desk's sign-in details once.
            server = SelfHostProcess.Start(["--demo"], environment, folder);
            await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
            var (email, password, totpKey) = DeskHttpSession.FrontDeskFromDemoOutput(server.Output);
            var desk = new DeskHttpSession(http) { Origin = server.Origin };
            await desk.SignInAsync(email, password, totpKey);
            var (meStatus, me) = await desk.CallAsync(HttpMethod.Get, "/api/me", null);
            Assert.Equal(HttpStatusCode.OK, meStatus);
            var buildingId = me.GetProperty("memberships")[0].GetProperty("buildingId").GetString()!;
            server.Kill();

            // Units whose residents want arrival emails, and who those residents are, as the mail handler decides.
            var recipients = await ReadRecipientsAsync(folder, buildingId);
            var units = recipients.Keys.OrderBy(_ => random.Next()).Take(Units).ToList();
            Assert.True(units.Count >= 5, $"The demo building has only {units.Count} units with residents who want arrival emails.");
            output.WriteLine($"units {string.Join(", ", units)}; {units.Sum(u => recipients[u].Count)} recipients");

            server = SelfHostProcess.Start(["--demo"], environment, folder);
            await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
            desk.Origin = server.Origin; // the session is in the store: it outlives the process

            // The burst: the kill points are package indexes; at each, the log request is in flight (or just done) when
            // the process is killed after a random 0–40 ms, so kills land inside requests, batches and notice sends.
            var killAt = Enumerable.Range(1, Packages - 1).OrderBy(_ => random.Next()).Take(Kills).ToHashSet();
            var logged = new Dictionary<string, string>(StringComparer.Ordinal); // clientRequestId → package id
            var tracking = new Dictionary<string, string>(StringComparer.Ordinal); // clientRequestId → tracking number
            int interrupted = 0, answeredThenKilled = 0, restarts = 0;
            for (var i = 0; i < Packages; i++)
            {
                var bytes = new byte[16];
                random.NextBytes(bytes);
                var requestId = new Guid(bytes).ToString();
                tracking[requestId] = "CRASH" + i.ToString("D4", CultureInfo.InvariantCulture) + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
                var body = new { clientRequestId = requestId, unitId = units[random.Next(units.Count)], trackingNumber = tracking[requestId], size = "small", flags = Array.Empty<string>(), location = "A" + random.Next(1, 9).ToString(CultureInfo.InvariantCulture), confirmDuplicate = false };
                if (killAt.Contains(i))
                {
                    var inFlight = desk.CallAsync(HttpMethod.Post, $"/api/buildings/{buildingId}/packages", body);
                    await Task.Delay(random.Next(0, 41));
                    server.Kill();
                    try
                    {
                        var (status, answer) = await inFlight;
                        Assert.True(status == HttpStatusCode.Created, $"Package {i}: {(int)status} {answer}");
                        logged[requestId] = answer.GetProperty("id").GetString()!;
                        answeredThenKilled++;
                    }
                    catch (HttpRequestException)
                    {
                        interrupted++;
                    }

                    server.Dispose();
                    server = SelfHostProcess.Start(["--demo"], environment, folder);
                    await server.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
                    desk.Origin = server.Origin;
                    restarts++;
                    if (logged.ContainsKey(requestId))
                    {
                        continue;
                    }
                }

                // As the page does when a submit got no answer: the same request again, same clientRequestId.
                var (again, package) = await desk.CallAsync(HttpMethod.Post, $"/api/buildings/{buildingId}/packages", body);
                Assert.True(again == HttpStatusCode.Created, $"Package {i}: {(int)again} {package}");
                logged[requestId] = package.GetProperty("id").GetString()!;
                await Task.Delay(random.Next(0, 60));
            }

            output.WriteLine($"burst: {Packages} packages, {restarts} SIGKILLs and restarts ({interrupted} with the log request cut off, {answeredThenKilled} answered just before), {clock.Elapsed.TotalSeconds:0} s");

            // Settle: every package's timeline shows its arrival notice sent to each recipient (the desk's view of it).
            await desk.RefreshAsync();
            var settled = await SettleAsync(desk, buildingId, logged.Values.ToList(), recipients, TimeSpan.FromSeconds(90));
            output.WriteLine($"settled after the burst in {settled.TotalSeconds:0.0} s");

            // Every logged package exists exactly once: the desk list has exactly the 200, one per clientRequestId and tracking number.
            var listed = await DeskListAsync(desk, buildingId);
            Assert.Equal(logged.Values.Order(StringComparer.Ordinal), listed.Select(p => p.Id).Order(StringComparer.Ordinal));
            Assert.Equal(tracking.Values.Order(StringComparer.Ordinal), listed.Select(p => p.Tracking).Order(StringComparer.Ordinal));
            server.Kill();

            var report = await AuditNoticesAsync(folder, buildingId, units, recipients, logged.Values.ToHashSet(StringComparer.Ordinal));
            output.WriteLine($"arrival notices: {report.Notices} sent for {Packages} packages ({report.Deliveries} package × recipient deliveries expected, {report.Lost} lost); " +
                $"outbox files {report.Files}; duplicates by notice id: {report.Duplicates} (notices claimed more than once after a kill: {report.Reclaimed})");
            output.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");

            Assert.Equal(0, report.Lost);
            // Duplicates are recorded, not asserted to be zero: DESIGN §3.5 allows one exactly when the process dies after the
            // provider (here the outbox rename) accepted the message and before the notice is marked sent; with SIGKILL at
            // random points that window is hit now and then by design, and asserting 0 would make the test fail by chance.
            // What must hold is that every duplicate comes from that window: a notice sent twice was claimed again after its
            // lease lapsed (attempts > 1), with the same Message-ID; a duplicate of a notice claimed once would be a bug.
            Assert.Empty(report.UnexplainedDuplicates);
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The building, and per unit the residents the arrival email goes to (wanted, active, verified), from the stopped host's store.</summary>
    private static async Task<Dictionary<string, List<(string UserId, string Email)>>> ReadRecipientsAsync(string folder, string buildingId)
    {
        using var store = await OpenStoreAsync(folder);
        var accounts = new Accounts(store);
        var residents = await store.QueryAllAsync<ResidentDocument>(RegistrationQueries.Residents, buildingId, new QueryArgs(), CancellationToken.None);
        Assert.NotEmpty(residents);
        var recipients = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var resident in residents)
        {
            var choices = await PackagePreferencesService.ChoicesOfAsync(store, resident.BuildingId, resident.UnitId, resident.UserId, CancellationToken.None);
            var account = (await accounts.ReadAsync(resident.UserId, CancellationToken.None))?.Value;
            if (choices.Arrival && account is { Status: AccountStatus.Active, EmailVerified: true })
            {
                (recipients.TryGetValue(resident.UnitId, out var list) ? list : recipients[resident.UnitId] = []).Add((account.UserId, account.Email));
            }
        }

        return recipients;
    }

    private static async Task<SqliteDocumentStore> OpenStoreAsync(string folder)
    {
        var store = new SqliteDocumentStore(Options.Create(new LocalStorageOptions { DataFolder = folder }), TimeProvider.System, [], NullLogger<SqliteDocumentStore>.Instance);
        await store.InitializeAsync([.. NamedQueries.All], CancellationToken.None);
        return store;
    }

    /// <summary>Polls each package's timeline until each shows a sent arrival notice for every recipient of its unit.</summary>
    private static async Task<TimeSpan> SettleAsync(DeskHttpSession desk, string buildingId, IReadOnlyList<string> packageIds, Dictionary<string, List<(string UserId, string Email)>> recipients, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        var pending = packageIds.ToList();
        while (true)
        {
            var still = new List<string>();
            foreach (var id in pending)
            {
                var (status, package) = await desk.CallAsync(HttpMethod.Get, $"/api/buildings/{buildingId}/packages/{id}", null);
                Assert.Equal(HttpStatusCode.OK, status);
                var unit = package.GetProperty("unitId").GetString()!;
                var sent = package.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "notice" && e.GetProperty("outcome").GetString() == "sent");
                if (sent < recipients[unit].Count)
                {
                    still.Add(id);
                }
            }

            if (still.Count == 0)
            {
                return started.Elapsed;
            }

            Assert.True(started.Elapsed < timeout, $"{still.Count} package(s) still without a sent arrival notice {timeout.TotalSeconds} s after the burst: {string.Join(", ", still.Take(10))}");
            pending = still;
            await Task.Delay(500);
        }
    }

    private static async Task<List<(string Id, string Tracking)>> DeskListAsync(DeskHttpSession desk, string buildingId)
    {
        var items = new List<(string, string)>();
        string? continuation = null;
        do
        {
            var path = $"/api/buildings/{buildingId}/packages?state=waiting" + (continuation is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(continuation));
            var (status, page) = await desk.CallAsync(HttpMethod.Get, path, null);
            Assert.Equal(HttpStatusCode.OK, status);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("trackingNumber").GetString()!)));
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return items;
    }

    private sealed record NoticeAudit(int Notices, int Deliveries, int Lost, int Files, int Duplicates, int Reclaimed, IReadOnlyList<string> UnexplainedDuplicates);

    /// <summary>
    /// From the stopped host's store and outbox: each unit's arrival events (its digest's sequence numbers), their
    /// notices, and the outbox files by Message-ID (derived from the notice id, so a re-send carries the same one).
    /// </summary>
    private static async Task<NoticeAudit> AuditNoticesAsync(string folder, string buildingId, IReadOnlyList<string> units, Dictionary<string, List<(string UserId, string Email)>> recipients, IReadOnlySet<string> packageIds)
    {
        var files = OutboxEmailSender.Files(Path.Combine(folder, "outbox"))
            .Select(f => MimeMessage.Load(f))
            .GroupBy(m => (m.MessageId ?? string.Empty).Split('@')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        using var store = await OpenStoreAsync(folder);
        var kind = EmailKinds.NameOf(typeof(PackagesArrivedEmail));
        var deliveries = new Dictionary<(string PackageId, string UserId), int>();
        int notices = 0, duplicates = 0, reclaimed = 0;
        var unexplained = new List<string>();
        foreach (var unit in units)
        {
            var digest = await store.ReadAsync<ArrivalDigestDocument>(Containers.Buildings, buildingId, ArrivalDigestDocument.IdFor(unit), CancellationToken.None);
            Assert.NotNull(digest);
            Assert.Empty(digest.Value.PackageIds); // nothing left waiting to be announced
            for (var sequence = 0; sequence < digest.Value.Sequence; sequence++)
            {
                var eventId = EventDocument.IdFor(digest.Value.Id, PackageEvents.ArrivalsDue, sequence.ToString(CultureInfo.InvariantCulture));
                var evt = await store.ReadAsync<EventDocument>(Containers.Buildings, buildingId, eventId, CancellationToken.None);
                if (evt is null)
                {
                    continue; // a run of the digest job that found nothing to announce writes no event
                }

                var inEvent = (evt.Value.Get("packageIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
                foreach (var (userId, email) in recipients[unit])
                {
                    var noticeId = NoticeDocument.IdFor(eventId, userId, kind);
                    var notice = await store.ReadAsync<NoticeDocument>(Containers.Buildings, buildingId, noticeId, CancellationToken.None);
                    Assert.NotNull(notice);
                    Assert.True(notice.Value.State == NoticeState.Sent, $"Arrival notice {noticeId} is {notice.Value.State} ({notice.Value.LastError})");
                    notices++;
                    var sent = files.GetValueOrDefault(MimeMessageFactory.Sanitize(noticeId, ".", 120)) ?? [];
                    Assert.All(sent, m => Assert.Equal(email, m.To.Mailboxes.Single().Address));
                    if (sent.Count == 0)
                    {
                        continue; // marked sent but never in the outbox: counted as lost below
                    }

                    if (notice.Value.Attempts > 1)
                    {
                        reclaimed++;
                    }

                    if (sent.Count > 1)
                    {
                        duplicates += sent.Count - 1;
                        if (notice.Value.Attempts < sent.Count)
                        {
                            unexplained.Add($"{noticeId}: {sent.Count} emails, {notice.Value.Attempts} claim(s)");
                        }
                    }

                    foreach (var packageId in inEvent)
                    {
                        deliveries[(packageId, userId)] = deliveries.GetValueOrDefault((packageId, userId)) + 1;
                    }
                }
            }
        }

        // Each (package, recipient) in exactly one notice that reached the outbox; none for packages the desk did not log.
        var expected = new List<(string, string)>();
        foreach (var packageId in packageIds)
        {
            var unit = (await store.ReadAsync<PackageDocument>(Containers.Buildings, buildingId, PackageDocument.IdFor(packageId), CancellationToken.None))!.Value.UnitId!;
            expected.AddRange(recipients[unit].Select(r => (packageId, r.UserId)));
        }

        var lost = expected.Count(d => deliveries.GetValueOrDefault(d) == 0);
        Assert.All(deliveries, d => Assert.True(d.Value == 1, $"Package {d.Key.PackageId} was announced to {d.Key.UserId} in {d.Value} different notices"));
        Assert.All(deliveries.Keys, d => Assert.Contains(d.PackageId, packageIds));
        return new NoticeAudit(notices, expected.Count, lost, files.Values.Sum(f => f.Count), duplicates, reclaimed, unexplained);
    }
}
