using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LoftsDesArts.Testing.Events;

/// <summary>One measurement as a <see cref="MeterListener"/> saw it.</summary>
public sealed record CapturedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to the instruments of one <see cref="Meter"/> instance (not every meter of that name, so tests
/// running side by side do not see each other's measurements) and lets a test wait for a measurement.
/// </summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<CapturedMeasurement> _measurements = new();
    private readonly List<(Func<CapturedMeasurement, bool> Match, TaskCompletionSource<CapturedMeasurement> Done)> _waiters = [];
    private readonly Lock _gate = new();

    public MeterCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<CapturedMeasurement> Measurements => [.. _measurements];

    public IReadOnlyList<CapturedMeasurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Polls observable instruments (gauges) now; their values then appear in <see cref="Measurements"/>.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>Completes with the first measurement (past or future) that matches.</summary>
    public Task<CapturedMeasurement> WaitForAsync(Func<CapturedMeasurement, bool> match, TimeSpan hangGuard)
    {
        var done = new TaskCompletionSource<CapturedMeasurement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _measurements.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(hangGuard);
    }

    /// <summary>Completes when <paramref name="count"/> measurements (past and future) match.</summary>
    public Task WaitForCountAsync(Func<CapturedMeasurement, bool> match, int count, TimeSpan hangGuard)
    {
        lock (_gate)
        {
            var counted = _measurements.Count(match);
            if (counted >= count)
            {
                return Task.CompletedTask;
            }

            // Matched under the lock, one measurement at a time, so the count needs no other guard.
            var done = new TaskCompletionSource<CapturedMeasurement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((m => match(m) && ++counted >= count, done));
            return done.Task.WaitAsync(hangGuard);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new CapturedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        List<TaskCompletionSource<CapturedMeasurement>> completed = [];
        lock (_gate)
        {
            _measurements.Enqueue(measurement);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(measurement))
                {
                    completed.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in completed)
        {
            done.TrySetResult(measurement);
        }
    }
}
