using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoftsDesArts.Core.Security;
using OtpNet;

namespace LoftsDesArts.Core.Identity;

/// <summary>A new TOTP secret for enrolment: the base32 seed and the otpauth URI for authenticator apps.</summary>
public sealed record TotpEnrolment(string Secret, string OtpauthUri);

/// <summary>
/// Time-based one-time passwords (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect) for
/// staff's second factor, and the short-lived challenge that carries a correct password to the TOTP
/// step. Codes are checked against the injected clock with one step of drift either way.
/// </summary>
public sealed class TotpService(KeyRingCache keys, SecretProtector protector, TimeProvider clock)
{
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    public static TotpEnrolment NewEnrolment(string accountEmail)
    {
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)).TrimEnd('=');
        var issuer = Uri.EscapeDataString("Lofts des Arts");
        var label = Uri.EscapeDataString("Lofts des Arts:" + accountEmail);
        return new TotpEnrolment(secret, $"otpauth://totp/{label}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30");
    }

    /// <summary>The code for a secret at the clock's current time (used by tests and the demo output).</summary>
    public string CurrentCode(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    public static bool Verify(string secret, string? code, DateTimeOffset at)
    {
        var digits = code?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (digits is null || digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(at.UtcDateTime, digits, out _, new VerificationWindow(previous: 1, future: 1));
    }

    public async Task<bool> VerifyProtectedAsync(string protectedSecret, string? code, CancellationToken cancellationToken)
    {
        var secret = await protector.UnprotectAsync(protectedSecret, cancellationToken).ConfigureAwait(false);
        return Verify(secret, code, clock.GetUtcNow());
    }

    /// <summary><c>{userId}.{expiresUnix}.{keyId}.{mac}</c>: proof that the password step succeeded.</summary>
    public async Task<string> CreateChallengeAsync(string userId, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false)).Current;
        var expires = (clock.GetUtcNow() + ChallengeLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Format(userId, expires, key);
    }

    /// <summary>The user id of a valid, unexpired challenge; <c>null</c> otherwise.</summary>
    public async Task<string?> ReadChallengeAsync(string? challenge, CancellationToken cancellationToken)
    {
        var parts = challenge?.Split('.');
        if (parts is not { Length: 4 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var key = await keys.FindAsync(KeyRings.Sessions, parts[2], cancellationToken).ConfigureAwait(false);
        if (key is null || !RandomTokens.FixedTimeEquals(Format(parts[0], parts[1], key), challenge!))
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow() ? parts[0] : null;
    }

    private static string Format(string userId, string expires, SigningKey key)
    {
        var mac = HMACSHA256.HashData(key.CopyBytes(), Encoding.UTF8.GetBytes($"mfa|{userId}|{expires}"));
        return $"{userId}.{expires}.{key.KeyId}.{Convert.ToHexStringLower(mac)}";
    }
}
