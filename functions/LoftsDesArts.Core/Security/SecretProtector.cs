using System.Security.Cryptography;
using System.Text;

namespace LoftsDesArts.Core.Security;

/// <summary>
/// Encrypts small secrets at rest (TOTP seeds) with AES-256-GCM under the <see cref="KeyRings.Secrets"/>
/// ring. Format: <c>{keyId}.{base64url(nonce|tag|ciphertext)}</c>. ASP.NET Data Protection is not used:
/// the Functions worker cannot share its key ring here (DESIGN §3.1).
/// </summary>
public sealed class SecretProtector(KeyRingCache keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public async Task<string> ProtectAsync(string plaintext, CancellationToken cancellationToken)
    {
        var key = (await keys.GetAsync(KeyRings.Secrets, cancellationToken).ConfigureAwait(false)).Current;
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceBytes + TagBytes + data.Length];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.CopyBytes(), TagBytes);
        aes.Encrypt(nonce, data, output.AsSpan(NonceBytes + TagBytes), output.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(key.KeyId));
        return key.KeyId + "." + Base64Url.Encode(output);
    }

    public async Task<string> UnprotectAsync(string protectedValue, CancellationToken cancellationToken)
    {
        var dot = protectedValue.IndexOf('.', StringComparison.Ordinal);
        var keyId = protectedValue[..dot];
        var key = await keys.FindAsync(KeyRings.Secrets, keyId, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"Unknown key {keyId}.");
        var input = Base64Url.Decode(protectedValue[(dot + 1)..]);
        var plaintext = new byte[input.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key.CopyBytes(), TagBytes);
        aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes + TagBytes), input.AsSpan(NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(key.KeyId));
        return Encoding.UTF8.GetString(plaintext);
    }
}
