using System.Globalization;
using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// This process's last sign of life from the pump: each completed drain, and the start of the self-host's pump loop.
/// </summary>
public sealed class PumpHeartbeat
{
    private long _lastDrainTicks = long.MinValue;

    public DateTimeOffset? LastDrainAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastDrainTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Beat(DateTimeOffset at) => Interlocked.Exchange(ref _lastDrainTicks, at.UtcTicks);
}

/// <summary>
/// Readiness check <c>pump</c>: ready when a drain completed within <see cref="PumpOptions.ReadyWithin"/>.
/// With <see cref="PumpOptions.SharedHeartbeat"/> (Azure, where the timer runs on one instance), a stale
/// local heartbeat is completed by the one recorded in the store.
/// </summary>
public sealed class PumpReadinessCheck(PumpHeartbeat heartbeat, PumpOptions options, IDocumentStore store, TimeProvider clock) : IReadinessCheck
{
    public string Name => "pump";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = heartbeat.LastDrainAt;
        if (options.SharedHeartbeat && (last is null || now - last > options.ReadyWithin))
        {
            try
            {
                var shared = await store.ReadAsync<PumpHeartbeatDocument>(
                    Containers.Leases, PumpHeartbeatDocument.DocumentId, PumpHeartbeatDocument.DocumentId, cancellationToken).ConfigureAwait(false);
                if (shared is not null && (last is null || shared.Value.LastDrainAt > last))
                {
                    last = shared.Value.LastDrainAt;
                }
            }
#pragma warning disable CA1031 // The store check reports store failures; here it only means "no shared heartbeat".
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return new ReadinessResult(false, "heartbeat unreadable: " + ex.GetType().Name);
            }
        }

        if (last is null)
        {
            return new ReadinessResult(false, "no drain yet");
        }

        var age = now - last.Value;
        var seconds = Math.Max(0, age.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
        return age <= options.ReadyWithin
            ? new ReadinessResult(true, $"last drain {seconds} s ago")
            : new ReadinessResult(false, $"last drain {seconds} s ago (limit {options.ReadyWithin.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
    }
}
