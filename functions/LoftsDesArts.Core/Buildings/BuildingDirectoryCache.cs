using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Buildings;

/// <summary>The list of buildings (names and addresses change rarely): one point read every 30 s at most.</summary>
public sealed class BuildingDirectoryCache(IDocumentStore store, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private (IReadOnlyList<BuildingDirectoryEntry> Entries, DateTimeOffset LoadedAt)? _cached;

    public async ValueTask<IReadOnlyList<BuildingDirectoryEntry>> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.LoadedAt < Lifetime)
        {
            return cached.Entries;
        }

        var directory = await store.ReadAsync<BuildingDirectory>(Containers.Lookups, BuildingDirectory.DocumentId, BuildingDirectory.DocumentId, cancellationToken).ConfigureAwait(false);
        var entries = directory?.Value.Buildings ?? [];
        _cached = (entries, now);
        return entries;
    }

    public void Invalidate() => _cached = null;
}
