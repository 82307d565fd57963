namespace LoftsDesArts.Core.Security;

/// <summary>
/// One symmetric signing key: an id (the JWT <c>kid</c>) and at least 256 bits of key material.
/// The bytes are copied in and out, so a caller cannot change a key another caller holds.
/// </summary>
public sealed class SigningKey
{
    public const int MinimumBytes = 32;

    private readonly byte[] _bytes;

    public SigningKey(string keyId, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (bytes.Length < MinimumBytes)
        {
            throw new ArgumentException($"A signing key needs at least {MinimumBytes} bytes.", nameof(bytes));
        }

        KeyId = keyId;
        _bytes = bytes.ToArray();
    }

    public string KeyId { get; }

    public byte[] CopyBytes() => (byte[])_bytes.Clone();

    public override string ToString() => $"SigningKey({KeyId})";
}

/// <summary>
/// The keys of one purpose: <see cref="Current"/> signs; <see cref="Current"/> and <see cref="Previous"/>
/// verify, so tokens signed just before a rotation stay valid until they expire.
/// </summary>
public sealed class SigningKeySet
{
    public SigningKeySet(SigningKey current, IReadOnlyList<SigningKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        Previous = previous;
    }

    public SigningKey Current { get; }

    public IReadOnlyList<SigningKey> Previous { get; }

    /// <summary>Every key that may verify a token, current first.</summary>
    public IEnumerable<SigningKey> Verifying => [Current, .. Previous];

    public SigningKey? Find(string? keyId) =>
        keyId is null ? null : Verifying.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
}

/// <summary>
/// Symmetric signing keys per purpose (real-time connection tokens, session tokens, ...). Each purpose
/// has its own keys, so a token of one kind can never pass as another. The self-host keeps them in a
/// file in its data folder; a cloud host would keep them in a key vault.
/// </summary>
public interface ISigningKeySource
{
    /// <summary>The keys of <paramref name="purpose"/>, created on first use.</summary>
    Task<SigningKeySet> GetKeysAsync(string purpose, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a new current key; the old current key becomes the first previous key (older previous keys
    /// beyond the source's retention are dropped). Returns the new set.
    /// </summary>
    Task<SigningKeySet> RotateAsync(string purpose, CancellationToken cancellationToken);
}

/// <summary>The purposes in use, in one place.</summary>
public static class SigningKeyPurposes
{
    /// <summary>Short-lived tokens that let a browser connect to the self-host's real-time hub.</summary>
    public const string Realtime = "realtime";
}
