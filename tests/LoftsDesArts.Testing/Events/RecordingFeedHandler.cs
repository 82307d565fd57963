using System.Collections.Concurrent;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Testing.Events;

/// <summary>
/// A feed handler for tests: records what it was handed (in order), optionally runs a step first (to fail,
/// block or cancel), and completes <see cref="WaitForAsync"/> waiters when a given event arrives.
/// Several instances may share one <see cref="Handled"/> log (two pumps racing).
/// </summary>
public sealed class RecordingFeedHandler(string name, ContainerSpec container, Func<string, bool>? wants = null) : IFeedHandler
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EventDocument>> _waiters = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public ContainerSpec Container { get; } = container;

    /// <summary>Every successful hand-over, in order.</summary>
    public ConcurrentQueue<EventDocument> Handled { get; init; } = new();

    /// <summary>Every call, failed ones included.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Runs before recording; throw to fail the attempt.</summary>
    public Func<EventDocument, CancellationToken, Task>? OnHandle { get; set; }

    public IReadOnlyList<string> HandledIds => [.. Handled.Select(e => e.Id)];

    public bool Wants(string kind) => wants?.Invoke(kind) ?? true;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        Calls.Enqueue(evt.Id);
        if (OnHandle is { } step)
        {
            await step(evt, cancellationToken);
        }

        Handled.Enqueue(evt);
        Waiter(evt.Id).TrySetResult(evt);
    }

    /// <summary>Completes when the event with this id has been handled (now or earlier).</summary>
    public Task<EventDocument> WaitForAsync(string eventId, TimeSpan hangGuard) => Waiter(eventId).Task.WaitAsync(hangGuard);

    private TaskCompletionSource<EventDocument> Waiter(string eventId) =>
        _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource<EventDocument>(TaskCreationOptions.RunContinuationsAsynchronously));
}
