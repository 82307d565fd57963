namespace LoftsDesArts.Core.Security;

/// <summary>The purposes of the portal's own keys, besides <see cref="SigningKeyPurposes.Realtime"/>.</summary>
public static class KeyRings
{
    /// <summary>Signs access tokens, refresh-token MACs, TOTP challenges and sealed redirect state.</summary>
    public const string Sessions = "sessions";

    /// <summary>Encrypts TOTP secrets at rest (AES-256-GCM).</summary>
    public const string Secrets = "secrets";
}
