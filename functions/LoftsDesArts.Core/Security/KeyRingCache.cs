using System.Collections.Concurrent;

namespace LoftsDesArts.Core.Security;

/// <summary>
/// Keeps key sets in memory for a few minutes: keys are read on every request, and a rotation made
/// by another instance must be picked up without a restart.
/// </summary>
public sealed class KeyRingCache(ISigningKeySource source, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (SigningKeySet Keys, DateTimeOffset LoadedAt)> _sets = new(StringComparer.Ordinal);

    public async ValueTask<SigningKeySet> GetAsync(string purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_sets.TryGetValue(purpose, out var cached) && now - cached.LoadedAt < Lifetime)
        {
            return cached.Keys;
        }

        var keys = await source.GetKeysAsync(purpose, cancellationToken).ConfigureAwait(false);
        _sets[purpose] = (keys, now);
        return keys;
    }

    /// <summary>A key id not in the cached set may be newer than the cache: reload once.</summary>
    public async ValueTask<SigningKey?> FindAsync(string purpose, string keyId, CancellationToken cancellationToken)
    {
        var keys = await GetAsync(purpose, cancellationToken).ConfigureAwait(false);
        if (keys.Find(keyId) is { } key)
        {
            return key;
        }

        keys = await source.GetKeysAsync(purpose, cancellationToken).ConfigureAwait(false);
        _sets[purpose] = (keys, clock.GetUtcNow());
        return keys.Find(keyId);
    }
}
