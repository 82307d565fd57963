using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoftsDesArts.Bench;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OtpNet;

// Package benchmarks (issue 3), against the Release self-host started with --demo on a fresh data folder:
//  1. desk list: GET /api/buildings/{b}/packages (waiting, first page) with 300 waiting packages across 100 units among
//     20 000 in the store (seeded straight into SQLite while the server is stopped), wrk -c50, against the bare read;
//  2. log → resident screen: the desk logs for unit 504 over HTTP; the demo resident of 504, connected to the hub as the
//     web app is, receives `package.changed`; from just before the POST to the push;
//  3. log → arrival email in the outbox: from just before the POST to the .eml file's appearance, at the default grouping
//     window (10 s) — one package per unit at a time, round-robin over the units whose residents want arrival emails.
//
//   dotnet LoftsDesArts.Bench.Packages.dll <self-host dll> <bare dll> <bench/http> [pushes=200] [emails=30] [seconds=20]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: LoftsDesArts.Bench.Packages <LoftsDesArts.SelfHost.dll> <LoftsDesArts.Bench.Bare.dll> <bench/http> [pushes] [emails] [seconds]");
    return 2;
}

var selfHostDll = Path.GetFullPath(args[0]);
var bareDll = Path.GetFullPath(args[1]);
var luaDir = Path.GetFullPath(args[2]);
var pushes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
var emails = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30;
var seconds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 20;
const int Connections = 50;
const int StorePackages = 20_000;
const int WaitingUnits = 100;
const int WaitingPerUnit = 3;

var folder = Path.Combine(Path.GetTempPath(), "lda-bench-packages", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1", ["Storage__DataFolder"] = folder };
BenchServer? selfHost = null;
BenchServer? bare = null;
try
{
    selfHost = BenchServer.Start(selfHostDll, ["--demo"], environment, folder);
    await selfHost.WaitFor200Async(client, "/api/health/ready", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(120));
    var demoOutput = selfHost.Output;
    var desk = await Session.SignInAsync(client, selfHost.Origin, demoOutput, resident: false);
    using var me = JsonDocument.Parse(await desk.GetStringAsync("/api/me"));
    var userId = me.RootElement.GetProperty("userId").GetString()!;
    var buildingId = me.RootElement.GetProperty("memberships")[0].GetProperty("buildingId").GetString()!;
    selfHost.Stop();

    // 20 000 packages: 300 waiting (3 in each of 100 units), the rest released over the past year.
    var seedWatch = Stopwatch.StartNew();
    var occupied = await SeedAsync(folder, buildingId, userId);
    Console.Error.WriteLine($"seeded {StorePackages} packages in {seedWatch.Elapsed.TotalSeconds:0.0} s");

    selfHost = BenchServer.Start(selfHostDll, ["--demo"], environment, folder);
    await selfHost.WaitFor200Async(client, "/api/health/ready", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(120));
    desk.Origin = selfHost.Origin;
    await desk.RefreshAsync();
    bare = BenchServer.Start(bareDll, [$"--Bench:Database={Path.Combine(folder, "portal.db")}", $"--Bench:Pk={userId}", "--Bench:Id=memberships"], new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1" }, folder);
    await bare.WaitFor200Async(client, "/", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60));

    // 1. Desk list at 50 connections, reference first, then the list, twice round-robin.
    var listPath = $"/api/buildings/{buildingId}/packages?state=waiting";
    using (var list = JsonDocument.Parse(await desk.GetStringAsync(listPath)))
    {
        Console.Error.WriteLine($"desk list: {list.RootElement.GetProperty("items").GetArrayLength()} items on the first page, counts {list.RootElement.GetProperty("counts")}");
    }

    var loadBefore = BenchStats.LoadAverage();
    var listRows = new List<(int Round, string Name, WrkResult Result, string Statuses)>();
    for (var round = 1; round <= 2; round++)
    {
        foreach (var (name, server, path) in new[] { ("reference: bare, one SQLite row", bare, "/row"), ("GET /api/buildings/{b}/packages?state=waiting (front desk)", selfHost, listPath) })
        {
            await desk.RefreshAsync();
            var cookie = $"{Session.AccessCookie}={desk.AccessToken}";
            var warm = await Wrk.RunAsync(server.Origin + path, cookie, Path.Combine(luaDir, "statuses.lua"), 2, Connections, 5);
            var statuses = Regex.Match(warm, "LDA_STATUSES (.*)").Groups[1].Value.Trim();
            var measured = await Wrk.RunAsync(server.Origin + path, cookie, Path.Combine(luaDir, "done.lua"), 2, Connections, seconds);
            listRows.Add((round, name, WrkResult.Parse(measured), statuses));
        }
    }

    var loadAfterList = BenchStats.LoadAverage();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; Release self-host with --demo on loopback; store: {StorePackages} packages, {WaitingUnits * WaitingPerUnit} waiting in {WaitingUnits} units."));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Desk list, wrk -t2 -c{Connections} -d{seconds}s after a 5 s warm-up (load average {loadBefore} before, {loadAfterList} after)"));
    Console.WriteLine();
    Console.WriteLine("| round | target | requests/s | p50 ms | p90 ms | p99 ms | max ms | ≥400 | socket errors | warm-up statuses | p99 / bare | req/s / bare |");
    Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    foreach (var (round, name, r, statuses) in listRows)
    {
        var reference = listRows.First(x => x.Round == round).Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {round} | {name} | {r.RequestsPerSecond:0} | {r.P50Us / 1000.0:0.0} | {r.P90Us / 1000.0:0.0} | {r.P99Us / 1000.0:0.0} | {r.MaxUs / 1000.0:0.0} | {r.Status} | {r.SocketErrors} | {statuses} | {(double)r.P99Us / reference.P99Us:0.00}× | {r.RequestsPerSecond / reference.RequestsPerSecond:0.00}× |"));
    }

    bare.Dispose();
    bare = null;

    // 2. Log → resident screen.
    await desk.RefreshAsync();
    var resident = await Session.SignInAsync(client, selfHost.Origin, demoOutput, resident: true);
    var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
    var waiters = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
    await using var hub = new HubConnectionBuilder()
        .WithUrl(selfHost.Origin + "/api", options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.Headers["X-Lda-Request"] = "1";
            options.Headers["Origin"] = selfHost.Origin;
            options.Headers["Cookie"] = $"{Session.AccessCookie}={resident.AccessToken}";
        })
        .Build();
    hub.On<PushDto>("push", push =>
    {
        var at = Stopwatch.GetTimestamp();
        if (push.Kind == PackagePushHandler.ChangedPush && push.Ids.TryGetValue("packageId", out var id) && received.TryAdd(id, at))
        {
            waiters.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
        }
    });
    await hub.StartAsync();
    var pushLatencies = new List<double>();
    var loadBeforePush = BenchStats.LoadAverage();
    for (var i = 0; i < pushes + 10; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var id = await desk.LogAsync(buildingId, "504", $"PUSH{i:D6}X");
        var at = await waiters.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (i >= 10)
        {
            pushLatencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds); // the first 10 warm up
        }

        await Task.Delay(20);
    }

    var loadAfterPush = BenchStats.LoadAverage();
    Console.WriteLine();
    Console.WriteLine("### Latencies");
    Console.WriteLine();
    Console.WriteLine("| measure | n | p50 ms | p90 ms | p99 ms | max ms | load average before → after |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
    Row("log (POST sent) → resident's `package.changed` push received (unit 504, WebSockets)", pushLatencies, loadBeforePush, loadAfterPush);

    // 3. Log → arrival email in the outbox, at the default grouping window. Which units' residents want arrival emails
    // is found out the way a person would: one package for each occupied unit, then see whose email arrives.
    var outbox = Path.Combine(folder, "outbox");
    await Task.Delay(TimeSpan.FromSeconds(25)); // the push phase's grouped email for 504 goes out first
    var seen = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").ToHashSet(StringComparer.Ordinal) : [];
    foreach (var unit in occupied)
    {
        await desk.LogAsync(buildingId, unit, $"FIND{unit}X{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant());
    }

    await Task.Delay(TimeSpan.FromSeconds(30));
    var emailUnits = NewArrivalFiles(outbox, seen).Select(f => f.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    Console.Error.WriteLine($"units whose residents want arrival emails: {string.Join(", ", emailUnits)}");
    if (emailUnits.Count == 0)
    {
        throw new InvalidOperationException("No arrival email reached the outbox within 30 s of logging a package for each occupied unit.");
    }

    var emailLatencies = new List<double>();
    var outstanding = new Dictionary<string, long>(StringComparer.Ordinal);
    var spacing = TimeSpan.FromMilliseconds(Math.Max(1500, 22_000 / Math.Max(1, emailUnits.Count)));
    var loadBeforeEmail = BenchStats.LoadAverage();
    var next = 0;
    var lastLog = Stopwatch.GetTimestamp() - (long)(spacing.TotalSeconds * Stopwatch.Frequency);
    var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * (emails * spacing.TotalSeconds + 60));
    while (emailLatencies.Count < emails && Stopwatch.GetTimestamp() < deadline)
    {
        if (next < emails && Stopwatch.GetElapsedTime(lastLog) >= spacing)
        {
            var unit = emailUnits[next % emailUnits.Count];
            if (!outstanding.ContainsKey(unit))
            {
                lastLog = Stopwatch.GetTimestamp();
                await desk.LogAsync(buildingId, unit, $"MAIL{next:D6}X{unit}".ToUpperInvariant());
                outstanding[unit] = lastLog;
                next++;
            }
        }

        foreach (var (file, unit) in NewArrivalFiles(outbox, seen))
        {
            seen.Add(file);
            if (outstanding.Remove(unit, out var startedAt))
            {
                emailLatencies.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
            }
        }

        await Task.Delay(10);
    }

    var loadAfterEmail = BenchStats.LoadAverage();

    Row($"log (POST sent) → arrival email in the outbox (default 10 s grouping window, {emailUnits.Count} units round-robin)", emailLatencies, loadBeforeEmail, loadAfterEmail);
    return 0;
}
finally
{
    bare?.Dispose();
    selfHost?.Stop();
    Directory.Delete(folder, recursive: true);
}

static void Row(string name, List<double> values, string before, string after)
{
    if (values.Count == 0)
    {
        Console.WriteLine($"| {name} | 0 | – | – | – | – | {before} → {after} |");
        return;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {values.Count} | {BenchStats.Percentile(values, 50):0.0} | {BenchStats.Percentile(values, 90):0.0} | {BenchStats.Percentile(values, 99):0.0} | {values.Max():0.0} | {before} → {after} |"));
}

// Arrival emails' file names carry their notice id: {stamp}-package-arrivals_{unit}_package_arrivals-due_{n}_{user}_packages-arrived.eml
static IEnumerable<(string File, string Unit)> NewArrivalFiles(string outbox, HashSet<string> seen) =>
    Directory.Exists(outbox)
        ? Directory.GetFiles(outbox, "*.eml")
            .Where(f => !seen.Contains(f))
            .Select(f => (File: f, Match: Regex.Match(Path.GetFileName(f), @"-package-arrivals_([A-Za-z0-9-]+)_package_arrivals-due_")))
            .Where(x => x.Match.Success)
            .Select(x => (x.File, x.Match.Groups[1].Value))
            .ToList()
        : [];

// Straight into the store while the server is stopped: what 20 000 logs and 19 700 releases would leave behind.
static async Task<List<string>> SeedAsync(string folder, string buildingId, string deskUserId)
{
    using var store = new SqliteDocumentStore(Options.Create(new LocalStorageOptions { DataFolder = folder }), TimeProvider.System, [], NullLogger<SqliteDocumentStore>.Instance);
    await store.InitializeAsync([.. NamedQueries.All], CancellationToken.None);
    var units = await store.QueryAllAsync<UnitDocument>(UnitQueries.Roster, buildingId, new QueryArgs(), CancellationToken.None);
    var residents = await store.QueryAllAsync<LoftsDesArts.Core.Registrations.ResidentDocument>(LoftsDesArts.Core.Registrations.RegistrationQueries.Residents, buildingId, new QueryArgs(), CancellationToken.None);
    var residential = units.Where(u => u.UnitType == UnitType.Residential).Select(u => u.UnitId).ToList();
    var waitingUnits = residential.Take(WaitingUnits).ToList();
    var now = TimeProvider.System.GetUtcNow();
    var random = new Random(20_000);
    var batch = new List<BatchOperation>();
    for (var i = 0; i < StorePackages; i++)
    {
        var waiting = i < WaitingUnits * WaitingPerUnit;
        var unit = waiting ? waitingUnits[i % waitingUnits.Count] : residential[random.Next(residential.Count)];
        var arrived = waiting ? now - TimeSpan.FromHours(random.Next(1, 24 * 9)) : now - TimeSpan.FromDays(random.Next(1, 365)) - TimeSpan.FromMinutes(random.Next(0, 1440));
        var packageId = "bench-" + i.ToString("D6", CultureInfo.InvariantCulture);
        var package = new PackageDocument
        {
            Id = PackageDocument.IdFor(packageId),
            BuildingId = buildingId,
            PackageId = packageId,
            ShortId = $"LDA-{arrived:yyyyMMdd}-{i % 10_000:D4}",
            State = waiting ? PackageState.Waiting : PackageState.Released,
            UnitId = unit,
            TrackingNumber = "BENCH" + i.ToString("D8", CultureInfo.InvariantCulture),
            Carrier = (Carrier)(i % 6),
            Size = PackageSize.Small,
            Location = "A" + (i % 9).ToString(CultureInfo.InvariantCulture),
            ArrivedAt = arrived,
            LoggedBy = deskUserId,
            LoggedByName = "Réception (démo)",
            UpdatedAt = arrived,
            ClosedAt = waiting ? null : arrived + TimeSpan.FromHours(5),
            Release = waiting ? null : new PackageRelease("r-" + packageId, arrived + TimeSpan.FromHours(5), ReleasedToKind.Resident, null, "Résident·e", IdentityCheck.KnownToStaff, deskUserId),
            NextActionAt = waiting ? now + TimeSpan.FromDays(2) : null,
            History = [new PackageHistoryEntry(arrived, PackageStep.Logged, deskUserId, "Réception (démo)", null)],
        };
        batch.Add(BatchOperation.Create(package.Id, package));
        if (batch.Count == 100)
        {
            await store.ExecuteBatchAsync(Containers.Buildings, buildingId, batch, CancellationToken.None);
            batch.Clear();
        }
    }

    if (batch.Count > 0)
    {
        await store.ExecuteBatchAsync(Containers.Buildings, buildingId, batch, CancellationToken.None);
    }

    return [.. residents.Select(r => r.UnitId).Distinct(StringComparer.Ordinal)];
}

internal sealed record PushDto(string Kind, Dictionary<string, string> Ids);

/// <summary>A signed-in demo account (the front desk with TOTP, or the printed resident of 504), cookies by hand (they are Secure).</summary>
internal sealed partial class Session(HttpClient client, string origin)
{
    public const string AccessCookie = "__Host-lda-at";
    private const string RefreshCookie = "__Host-lda-rt";
    private const string ChallengeCookie = "__Host-lda-mfa";

    public string Origin { get; set; } = origin;

    public string AccessToken { get; private set; } = string.Empty;

    private string RefreshToken { get; set; } = string.Empty;

    public static async Task<Session> SignInAsync(HttpClient client, string origin, string demoOutput, bool resident)
    {
        var email = (resident ? ResidentEmail() : DeskEmail()).Match(demoOutput).Groups[1].Value;
        if (email.Length == 0)
        {
            throw new InvalidOperationException($"The demo account was not found in the demo output:\n{demoOutput}");
        }

        var after = demoOutput[demoOutput.IndexOf(email, StringComparison.Ordinal)..];
        var password = PasswordLine().Match(after).Groups[1].Value;
        var session = new Session(client, origin);
        using var first = await session.PostAsync("/api/auth/sign-in", new { email, password }, null);
        if (resident)
        {
            session.Take(first);
            return session;
        }

        var challenge = CookieValue(first, ChallengeCookie) ?? throw new InvalidOperationException($"No TOTP challenge: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
        var code = new Totp(Base32Encoding.ToBytes(TotpLine().Match(after).Groups[1].Value)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
        using var second = await session.PostAsync("/api/auth/sign-in/totp", new { code }, $"{ChallengeCookie}={challenge}");
        session.Take(second);
        return session;
    }

    public async Task RefreshAsync()
    {
        using var response = await PostAsync("/api/auth/refresh", null, $"{RefreshCookie}={RefreshToken}");
        Take(response);
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Origin + path));
        request.Headers.Add("Cookie", $"{AccessCookie}={AccessToken}");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Logs one package for <paramref name="unitId"/>; returns its id.</summary>
    public async Task<string> LogAsync(string buildingId, string unitId, string trackingNumber)
    {
        using var response = await PostAsync($"/api/buildings/{buildingId}/packages", new { clientRequestId = Guid.NewGuid().ToString(), unitId, trackingNumber, size = "small", flags = Array.Empty<string>(), location = "A1", confirmDuplicate = false }, $"{AccessCookie}={AccessToken}");
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Logging a package answered {(int)response.StatusCode}: {text}");
        }

        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object? body, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Origin + path));
        request.Headers.Add("X-Lda-Request", "1");
        request.Headers.Add("Origin", Origin);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private void Take(HttpResponseMessage response)
    {
        AccessToken = CookieValue(response, AccessCookie) ?? throw new InvalidOperationException($"No access cookie: {(int)response.StatusCode}");
        RefreshToken = CookieValue(response, RefreshCookie) ?? throw new InvalidOperationException($"No refresh cookie: {(int)response.StatusCode}");
    }

    private static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(v => v.StartsWith(name + "=", StringComparison.Ordinal)).Select(v => v[(name.Length + 1)..]).FirstOrDefault(v => v.Length > 0)
            : null;

    [GeneratedRegex(@"email : (reception@\S+)")]
    private static partial Regex DeskEmail();

    [GeneratedRegex(@"unit 504\s*\n\s*courriel / email : (\S+)")]
    private static partial Regex ResidentEmail();

    [GeneratedRegex(@"password : (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"TOTP key : (\S+)")]
    private static partial Regex TotpLine();
}

internal static class Wrk
{
    public static async Task<string> RunAsync(string url, string cookie, string script, int threads, int connections, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, "-H", $"Cookie: {cookie}", url })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}

internal sealed record WrkResult(long Requests, long DurationUs, long Bytes, long Status, long SocketErrors, long P50Us, long P90Us, long P99Us, long MaxUs)
{
    public double RequestsPerSecond => Requests / (DurationUs / 1_000_000.0);

    public static WrkResult Parse(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("LDA_RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No LDA_RESULT line in wrk's output:\n{output}");
        var values = line["LDA_RESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new WrkResult(
            values["requests"], values["duration_us"], values["bytes"], values["status"],
            values["connect"] + values["read"] + values["write"] + values["timeout"],
            values["p50_us"], values["p90_us"], values["p99_us"], values["max_us"]);
    }
}
