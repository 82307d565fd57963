using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local;
using LoftsDesArts.Infrastructure.Local.Events;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Commit → handler latency of the self-host pump (DESIGN §3.4 target: within 250 ms), measured in the real
// background service over the real SQLite store, one event at a time. Reference: the bare wake-up of
// LocalChangeSignal (commit signal → a waiting task runs), measured in the same run.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
const int WarmUp = 50;
var folder = Path.Combine(Path.GetTempPath(), "lda-bench", Guid.NewGuid().ToString("N"));
var handler = new TimingHandler();

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["Storage:DataFolder"] = folder;
builder.Services.AddLocalDocumentStore(builder.Configuration);
builder.Services.AddHostedService<LocalStoreInitializer>();
builder.Services.AddLocalEventPump();
builder.Services.AddSingleton<IFeedHandler>(handler);
using var host = builder.Build();
await host.StartAsync();
var store = host.Services.GetRequiredService<IDocumentStore>();

try
{
    var fromCommit = new List<double>(events);
    var fromWrite = new List<double>(events);
    for (var i = 0; i < WarmUp + events; i++)
    {
        var evt = EventDocument.ForBuilding("b-1", $"pkg-{i}", "package.arrived", DateTimeOffset.UnixEpoch);
        var handled = handler.Expect(evt.Id);
        var beforeWrite = Stopwatch.GetTimestamp();
        await store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        var committed = Stopwatch.GetTimestamp();
        var at = await handled.WaitAsync(TimeSpan.FromSeconds(30));
        if (i >= WarmUp)
        {
            fromCommit.Add(Stopwatch.GetElapsedTime(committed, at).TotalMilliseconds);
            fromWrite.Add(Stopwatch.GetElapsedTime(beforeWrite, at).TotalMilliseconds);
        }
    }

    var bare = await BareSignalAsync(events);
    Console.WriteLine($"Self-host pump wake-up latency, {events} events one at a time after {WarmUp} warm-up, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    Console.WriteLine();
    Console.WriteLine("| measurement | p50 ms | p90 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Row("commit returned → handler called", fromCommit);
    Row("write started → handler called", fromWrite);
    Row("reference: bare LocalChangeSignal wake-up", bare);
    Console.WriteLine();
    Console.WriteLine($"ratio p50 commit→handler / bare wake-up: {Percentile(fromCommit, 50) / Percentile(bare, 50):0.0}x; events over 250 ms: {fromCommit.Count(v => v > 250)}");
}
finally
{
    await host.StopAsync();
    host.Dispose();
    Directory.Delete(folder, recursive: true);
}

static async Task<List<double>> BareSignalAsync(int count)
{
    var signal = new LocalChangeSignal();
    var samples = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        signal.Reset();
        var woken = Task.Run(() => signal.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, default));
        await Task.Delay(1);
        var raised = Stopwatch.GetTimestamp();
        signal.NotifyCommitted(Containers.Buildings);
        await woken;
        samples.Add(Stopwatch.GetElapsedTime(raised).TotalMilliseconds);
    }

    return samples;
}

static void Row(string name, List<double> samples) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {Percentile(samples, 50):0.00} | {Percentile(samples, 90):0.00} | {Percentile(samples, 99):0.00} | {samples.Max():0.00} |"));

static double Percentile(List<double> samples, int p)
{
    var sorted = samples.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

/// <summary>Records when each event reached the handler.</summary>
internal sealed class TimingHandler : IFeedHandler
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _expected = new(StringComparer.Ordinal);

    public string Name => "bench-timing";

    public ContainerSpec Container => Containers.Buildings;

    public bool Wants(string kind) => true;

    public Task<long> Expect(string eventId) =>
        _expected.GetOrAdd(eventId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetTimestamp();
        _expected.GetOrAdd(evt.Id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
        return Task.CompletedTask;
    }
}
