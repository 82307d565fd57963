using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// The pump's metrics, on the meter <c>LoftsDesArts.Pump</c> (export it with <c>AddMeter(PumpMetrics.MeterName)</c>).
/// Tags carry handler names and event kinds only. One instance per host (a singleton); tests listen to
/// <see cref="Meter"/> of their own instance.
/// </summary>
public sealed class PumpMetrics : IDisposable
{
    public const string MeterName = "LoftsDesArts.Pump";

    private readonly Counter<long> _handled;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _nudges;
    private readonly Counter<long> _purged;
    private readonly Counter<long> _scheduled;
    private readonly ConcurrentDictionary<string, double> _lastLag = new(StringComparer.Ordinal);

    public PumpMetrics()
    {
        Meter = new Meter(MeterName);
        _handled = Meter.CreateCounter<long>("lda.pump.events.handled", "{event}", "Events a handler handled.");
        _failures = Meter.CreateCounter<long>("lda.pump.events.failures", "{attempt}", "Handler attempts that threw.");
        _deadLetters = Meter.CreateCounter<long>("lda.pump.dead_letters", "{event}", "Events set aside after the last attempt failed.");
        _lag = Meter.CreateHistogram<double>("lda.pump.lag", "s", "From the event's occurrence to its handling.");
        Meter.CreateObservableGauge("lda.pump.lag.last", ObserveLastLag, "s", "Lag of the last event the latest drain handled, per handler; 0 when caught up.");
        _nudges = Meter.CreateCounter<long>("lda.pump.nudges", "{message}", "Wake-up messages sent to the pump queue (Azure), by outcome.");
        _scheduled = Meter.CreateCounter<long>("lda.scheduler.actions", "{document}", "Due documents the scheduler acted on, by job and outcome.");
        _purged = Meter.CreateCounter<long>("lda.store.purged", "{document}", "Expired documents deleted by the periodic purge (self-host).");
    }

    public Meter Meter { get; }

    public void Handled(string handler, string kind, TimeSpan lag)
    {
        var tags = Tags(handler, kind);
        _handled.Add(1, tags);
        var seconds = Math.Max(0, lag.TotalSeconds);
        _lag.Record(seconds, tags);
        _lastLag[handler] = seconds;
    }

    public void Failed(string handler, string kind) => _failures.Add(1, Tags(handler, kind));

    public void DeadLettered(string handler, string kind) => _deadLetters.Add(1, Tags(handler, kind));

    /// <summary>A drain found nothing new for the handler: its lag is zero.</summary>
    public void CaughtUp(string handler) => _lastLag[handler] = 0;

    public void Nudge(bool sent) => _nudges.Add(1, new KeyValuePair<string, object?>("outcome", sent ? "sent" : "failed"));

    public void Scheduled(string job, string outcome) =>
        _scheduled.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Recorded after every purge run, zero included, so a run is observable.</summary>
    public void Purged(int count) => _purged.Add(count);

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveLastLag() =>
        _lastLag.Select(pair => new Measurement<double>(pair.Value, new KeyValuePair<string, object?>("handler", pair.Key)));

    private static KeyValuePair<string, object?>[] Tags(string handler, string kind) =>
        [new("handler", handler), new("kind", kind)];
}
