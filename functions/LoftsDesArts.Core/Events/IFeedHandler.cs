using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// Reacts to events from one container's change feed. Each handler has its own cursor, so a slow or
/// failing handler does not hold back the others. Handlers must be idempotent: the feed delivers at
/// least once (a crash between handling and saving the cursor replays the page).
/// </summary>
public interface IFeedHandler
{
    /// <summary>Stable name: the cursor and dead letters are keyed by it.</summary>
    string Name { get; }

    ContainerSpec Container { get; }

    bool Wants(string kind);

    Task HandleAsync(EventDocument evt, CancellationToken cancellationToken);
}
