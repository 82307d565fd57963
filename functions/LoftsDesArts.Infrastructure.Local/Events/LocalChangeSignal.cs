using System.Threading.Channels;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Local.Events;

/// <summary>
/// Wakes the self-host's pump after a local commit to a container that carries events
/// (<see cref="Containers.WithEvents"/>); the pump's own cursor and dead-letter writes do not wake it.
/// A wake-up is a flag, not a count: any number of commits before the pump looks make one wake-up.
/// The SQLite store raises every registered <see cref="IChangeSignal"/> after each commit.
/// </summary>
public sealed class LocalChangeSignal : IChangeSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = false,
        SingleWriter = false,
    });

    public void NotifyCommitted(ContainerSpec container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (Containers.WithEvents.Any(c => c.Name == container.Name))
        {
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Forgets wake-ups raised so far; call it just before draining, so a commit during the drain wakes the next one.</summary>
    public void Reset()
    {
        while (_wake.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits for a wake-up or until <paramref name="timeout"/> passes on <paramref name="clock"/>. True when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.Reader.WaitToReadAsync(stop.Token).AsTask();
        var elapsed = Task.Delay(timeout, clock, stop.Token);
        var first = await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == woken && woken.IsCompletedSuccessfully;
    }
}
