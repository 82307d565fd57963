using System.Globalization;
using LoftsDesArts.Bench;

// Start to ready of the self-host (issue 2 target: under 3 s after build). Each start is a new process:
// `dotnet LoftsDesArts.SelfHost.dll --urls http://127.0.0.1:<port>` with Storage__DataFolder set, timed from
// just before the process starts to the first 200 of GET /api/health/ready (polled every 10 ms), then
// stopped with SIGTERM. Reference in the same run: the bare ASP.NET Core app's start to its first 200 on
// GET / (the floor of the runtime on this machine). Cases run round-robin so load from other work on the
// machine falls on all of them alike.
//
//   dotnet LoftsDesArts.Bench.Startup.dll <self-host dll> <bare dll> [runs=15] [demo runs=5]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LoftsDesArts.Bench.Startup <LoftsDesArts.SelfHost.dll> <LoftsDesArts.Bench.Bare.dll> [runs] [demo runs]");
    return 2;
}

var selfHost = Path.GetFullPath(args[0]);
var bare = Path.GetFullPath(args[1]);
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
var demoRuns = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
var root = Path.Combine(Path.GetTempPath(), "lda-bench-startup", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
var loadBefore = BenchStats.LoadAverage();

using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(2) })
{
    Timeout = TimeSpan.FromSeconds(5),
};

var cases = new List<StartCase>
{
    new("reference: bare ASP.NET Core app, GET / (same runtime, same machine)", bare, [], _ => null, "/", null),
    new("self-host restart, existing data folder (the usual case)", selfHost, [], _ => Path.Combine(root, "existing"), "/api/health/ready", null),
    new("self-host first start, fresh data folder (store, building, setup link)", selfHost, [], i => Path.Combine(root, $"fresh-{i}"), "/api/health/ready", "first-time setup") { Fresh = true },
    new("self-host `--demo` restart, existing demo folder", selfHost, ["--demo"], _ => Path.Combine(root, "existing-demo"), "/api/health/ready", null),
    new("self-host `--demo` first start, fresh folder (one-time seeding, hashes passwords)", selfHost, ["--demo"], i => Path.Combine(root, $"demo-{i}"), "/api/health/ready", "mot de passe") { Runs = demoRuns, Fresh = true },
};

try
{
    // The existing folders are made by one first start each, not timed; one untimed start of each
    // program also warms the file cache.
    await StartOnceAsync(cases[0], null);
    await StartOnceAsync(cases[1], Path.Combine(root, "existing"));
    await StartOnceAsync(cases[3], Path.Combine(root, "existing-demo"));

    var max = cases.Max(c => c.Runs ?? runs);
    for (var i = 0; i < max; i++)
    {
        foreach (var c in cases.Where(c => i < (c.Runs ?? runs)))
        {
            var folder = c.Folder(i);
            var elapsed = await StartOnceAsync(c, folder, c.Expect);
            c.Samples.Add(elapsed.TotalMilliseconds);
            if (c.Fresh && folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.Error.Write('.');
    }

    Console.Error.WriteLine();
    var reference = BenchStats.Percentile(cases[0].Samples, 50);
    Console.WriteLine($"Start to first 200, {Environment.ProcessorCount} cores, load average {loadBefore} before and {BenchStats.LoadAverage()} after; poll every 10 ms; Release build.");
    Console.WriteLine();
    Console.WriteLine("| case | runs | min ms | p50 ms | p90 ms | max ms | p50 / reference p50 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var c in cases)
    {
        var s = c.Samples;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {c.Name} | {s.Count} | {BenchStats.Ms(s.Min())} | {BenchStats.Ms(BenchStats.Percentile(s, 50))} | {BenchStats.Ms(BenchStats.Percentile(s, 90))} | {BenchStats.Ms(s.Max())} | {BenchStats.Percentile(s, 50) / reference:0.00}× |"));
    }

    Console.WriteLine();
    Console.WriteLine("Samples (ms, in run order):");
    foreach (var c in cases)
    {
        Console.WriteLine($"  {c.Name}: {string.Join(' ', c.Samples.Select(BenchStats.Ms))}");
    }

    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task<TimeSpan> StartOnceAsync(StartCase c, string? folder, string? expect = null)
{
    var environment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_NOLOGO"] = "1",
    };
    if (folder is not null)
    {
        environment["Storage__DataFolder"] = folder;
    }

    using var server = BenchServer.Start(c.Dll, c.Args, environment, root);
    var elapsed = await server.WaitFor200Async(client, c.Path, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
    server.Stop();

    // A first start that did not do its first-start work would be measuring the wrong thing.
    if (expect is not null && !server.Output.Contains(expect, StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{c.Name}: the console did not show \"{expect}\":\n{server.Output}");
    }

    return elapsed;
}

internal sealed record StartCase(string Name, string Dll, string[] Args, Func<int, string?> Folder, string Path, string? Expect)
{
    public int? Runs { get; init; }

    /// <summary>A new data folder on every start, deleted after it.</summary>
    public bool Fresh { get; init; }

    public List<double> Samples { get; } = [];
}
