namespace LoftsDesArts.Core.Security;

/// <summary>One key of a ring: an id carried in what it signs, and its bytes.</summary>
public sealed record KeyMaterial(string Id, DateTimeOffset CreatedAt, byte[] Bytes);

/// <summary>
/// Named signing/encryption keys: the newest signs, all of them verify, so a rotation never signs
/// anyone out. Kept by the self-host in its data folder and in Key Vault in Azure.
/// </summary>
public sealed record KeyRing(string Name, IReadOnlyList<KeyMaterial> Keys)
{
    public KeyMaterial Current => Keys[^1];

    public KeyMaterial? Find(string id) => Keys.FirstOrDefault(k => k.Id == id);
}

/// <summary>Loads a key ring, creating it with one fresh key on first use.</summary>
public interface IKeyRingStore
{
    Task<KeyRing> GetOrCreateAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds a fresh key that becomes current; older keys keep verifying.</summary>
    Task<KeyRing> RotateAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The portal's key ring names.</summary>
public static class KeyRings
{
    /// <summary>Signs access tokens and refresh-token MACs.</summary>
    public const string Sessions = "sessions";

    /// <summary>Encrypts TOTP secrets at rest.</summary>
    public const string Secrets = "secrets";

    /// <summary>Signs the short-lived tokens of real-time connections.</summary>
    public const string Realtime = "realtime";

    /// <summary>Bytes per key: 256 bits for HMAC-SHA256 and AES-256-GCM.</summary>
    public const int KeyBytes = 32;
}
