using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoftsDesArts.Bench;
using OtpNet;

// Authenticated reads at 200 connections (issue 2 targets: p99 at most 1.5× the bare read, throughput at
// least 0.6×, zero non-2xx). The real self-host (Release, `--demo` on a fresh data folder) is signed in as
// the demo front-desk account (password, then TOTP computed from the printed key); wrk then sends the access
// cookie to GET /api/me and GET /api/buildings/{id}/units. The bare reference is LoftsDesArts.Bench.Bare
// reading one row of the same SQLite file (the caller's memberships document, which /api/me also reads).
// Each target: a warm-up run counting every status, then the measured run; targets run round-robin.
//
//   dotnet LoftsDesArts.Bench.Http.dll <self-host dll> <bare dll> <lua dir> [rounds=2] [seconds=20] [warm-up seconds=5]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: LoftsDesArts.Bench.Http <LoftsDesArts.SelfHost.dll> <LoftsDesArts.Bench.Bare.dll> <bench/http> [rounds] [seconds] [warm-up seconds]");
    return 2;
}

var selfHostDll = Path.GetFullPath(args[0]);
var bareDll = Path.GetFullPath(args[1]);
var luaDir = Path.GetFullPath(args[2]);
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;
var warmUpSeconds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 5;
const int Connections = 200;
const int Threads = 2;

var folder = Path.Combine(Path.GetTempPath(), "lda-bench-http", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1", ["Storage__DataFolder"] = folder };
using var selfHost = BenchServer.Start(selfHostDll, ["--demo"], environment, folder);
BenchServer? bare = null;
try
{
    await selfHost.WaitFor200Async(client, "/api/health/ready", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(120));
    var session = await Session.SignInFrontDeskAsync(client, selfHost);
    using var me = JsonDocument.Parse(await session.GetStringAsync("/api/me"));
    var userId = me.RootElement.GetProperty("userId").GetString()!;
    var buildingId = me.RootElement.GetProperty("memberships")[0].GetProperty("buildingId").GetString()!;

    bare = BenchServer.Start(bareDll, [$"--Bench:Database={Path.Combine(folder, "portal.db")}", $"--Bench:Pk={userId}", "--Bench:Id=memberships"], new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1" }, folder);
    await bare.WaitFor200Async(client, "/", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60));

    var targets = new[]
    {
        new Target("reference: bare ASP.NET Core, one SQLite row (SELECT body FROM users WHERE pk=@pk AND id=@id)", bare, "/row", Authenticated: false),
        new Target("GET /api/me (front desk): cookie → JWT → principal cache → account + memberships read, JSON", selfHost, "/api/me", Authenticated: true),
        new Target($"GET /api/buildings/{{id}}/units (front desk): roster query (102 units) + residents query (30), JSON", selfHost, $"/api/buildings/{buildingId}/units", Authenticated: true),
    };

    var loadBefore = BenchStats.LoadAverage();
    var results = new List<(int Round, Target Target, WrkResult Result, string Statuses, int ProbeBytes)>();
    var raw = new StringBuilder();
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var target in targets)
        {
            // A fresh access token (10 min) before each target, for the self-host and the bare alike.
            await session.RefreshAsync();
            var cookie = $"{Session.AccessCookie}={session.AccessToken}";
            var (probeStatus, probeBytes) = await Probe.GetAsync(target.Server.Port, target.Path, cookie);
            if (probeStatus != 200)
            {
                throw new InvalidOperationException($"{target.Path} answered {probeStatus} before the run.");
            }

            var warm = await Wrk.RunAsync(target.Server.Origin + target.Path, cookie, Path.Combine(luaDir, "statuses.lua"), Threads, Connections, warmUpSeconds);
            var statuses = Regex.Match(warm, "LDA_STATUSES (.*)").Groups[1].Value.Trim();
            var output = await Wrk.RunAsync(target.Server.Origin + target.Path, cookie, Path.Combine(luaDir, "done.lua"), Threads, Connections, seconds);
            raw.AppendLine(CultureInfo.InvariantCulture, $"--- round {round}: {target.Name}").AppendLine(output);
            results.Add((round, target, WrkResult.Parse(output), statuses, probeBytes));
            Console.Error.Write('.');
        }
    }

    Console.Error.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrk -t{Threads} -c{Connections} -d{seconds}s --latency, after a {warmUpSeconds} s warm-up per target; {rounds} round(s), targets round-robin; {Environment.ProcessorCount} cores; load average {loadBefore} before, {BenchStats.LoadAverage()} after; Release build, self-host and bare on loopback."));
    Console.WriteLine();
    Console.WriteLine("| round | target | requests/s | p50 ms | p90 ms | p99 ms | max ms | ≥400 | socket errors | warm-up statuses | bytes/response (200 probe) | p99 / bare | req/s / bare |");
    Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|");
    foreach (var (round, target, r, statuses, probeBytes) in results)
    {
        var reference = results.Single(x => x.Round == round && x.Target == targets[0]).Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {round} | {target.Name} | {r.RequestsPerSecond:0} | {r.P50Us / 1000.0:0.0} | {r.P90Us / 1000.0:0.0} | {r.P99Us / 1000.0:0.0} | {r.MaxUs / 1000.0:0.0} | {r.Status} | {r.SocketErrors} | {statuses} | {r.BytesPerResponse:0.0} ({probeBytes}) | {(double)r.P99Us / reference.P99Us:0.00}× | {r.RequestsPerSecond / reference.RequestsPerSecond:0.00}× |"));
    }

    Console.WriteLine();
    Console.WriteLine("Raw wrk output of the measured runs:");
    Console.WriteLine(raw.ToString());
    return 0;
}
finally
{
    bare?.Dispose();
    selfHost.Stop();
    Directory.Delete(folder, recursive: true);
}

internal sealed record Target(string Name, BenchServer Server, string Path, bool Authenticated);

/// <summary>A signed-in session of the demo front-desk account, its cookies handled by hand (they are Secure).</summary>
internal sealed partial class Session(HttpClient client, string origin)
{
    public const string AccessCookie = "__Host-lda-at";
    private const string RefreshCookie = "__Host-lda-rt";
    private const string ChallengeCookie = "__Host-lda-mfa";

    public string AccessToken { get; private set; } = string.Empty;

    private string RefreshToken { get; set; } = string.Empty;

    public static async Task<Session> SignInFrontDeskAsync(HttpClient client, BenchServer server)
    {
        // The demo prints each account once: email, password, TOTP key on the lines after the label.
        var output = server.Output;
        var email = EmailLine().Match(output).Groups[1].Value;
        var password = PasswordLine().Match(output[output.IndexOf(email, StringComparison.Ordinal)..]).Groups[1].Value;
        var totpKey = TotpLine().Match(output[output.IndexOf(email, StringComparison.Ordinal)..]).Groups[1].Value;
        if (email.Length == 0 || password.Length == 0 || totpKey.Length == 0)
        {
            throw new InvalidOperationException($"The front-desk account was not found in the demo output:\n{output}");
        }

        var session = new Session(client, server.Origin);
        using var first = await session.PostAsync("/api/auth/sign-in", new { email, password }, null);
        var challenge = CookieValue(first, ChallengeCookie) ?? throw new InvalidOperationException($"No TOTP challenge: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
        var code = new Totp(Base32Encoding.ToBytes(totpKey)).ComputeTotp();
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
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin + path));
        request.Headers.Add("Cookie", $"{AccessCookie}={AccessToken}");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object? body, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin + path));
        request.Headers.Add("X-Lda-Request", "1");
        request.Headers.Add("Origin", origin);
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
    private static partial Regex EmailLine();

    [GeneratedRegex(@"password : (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"TOTP key : (\S+)")]
    private static partial Regex TotpLine();
}

/// <summary>One GET on a raw connection with wrk's headers: its status and its size on the wire.</summary>
internal static partial class Probe
{
    public static async Task<(int Status, int Bytes)> GetAsync(int port, string path, string cookie)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\r\n"));
        var received = new MemoryStream();
        var buffer = new byte[65536];
        while (true)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (read == 0)
            {
                throw new InvalidOperationException($"{path}: the connection closed before the response was complete.");
            }

            received.Write(buffer, 0, read);
            var text = Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)received.Length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var head = text[..end];
            var status = int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
            var length = ContentLength().Match(head);
            var complete = length.Success
                ? text.Length >= end + 4 + int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture)
                : Chunked().IsMatch(head) ? text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal) : true;
            if (complete)
            {
                return (status, text.Length);
            }
        }
    }

    [GeneratedRegex(@"(?im)^content-length:\s*(\d+)")]
    private static partial Regex ContentLength();

    [GeneratedRegex(@"(?im)^transfer-encoding:\s*chunked")]
    private static partial Regex Chunked();
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

    public double BytesPerResponse => (double)Bytes / Requests;

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
