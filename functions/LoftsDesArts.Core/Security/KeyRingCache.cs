using System.Collections.Concurrent;

namespace LoftsDesArts.Core.Security;

/// <summary>
/// Keeps key rings in memory for a few minutes: keys are read on every request, and a rotation made
/// by another instance must be picked up without a restart.
/// </summary>
public sealed class KeyRingCache(IKeyRingStore store, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (KeyRing Ring, DateTimeOffset LoadedAt)> _rings = new(StringComparer.Ordinal);

    public async ValueTask<KeyRing> GetAsync(string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_rings.TryGetValue(name, out var cached) && now - cached.LoadedAt < Lifetime)
        {
            return cached.Ring;
        }

        var ring = await store.GetOrCreateAsync(name, cancellationToken).ConfigureAwait(false);
        _rings[name] = (ring, now);
        return ring;
    }

    /// <summary>A key id not in the cached ring may be newer than the cache: reload once.</summary>
    public async ValueTask<KeyMaterial?> FindAsync(string name, string keyId, CancellationToken cancellationToken)
    {
        var ring = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (ring.Find(keyId) is { } key)
        {
            return key;
        }

        ring = await store.GetOrCreateAsync(name, cancellationToken).ConfigureAwait(false);
        _rings[name] = (ring, clock.GetUtcNow());
        return ring.Find(keyId);
    }
}
