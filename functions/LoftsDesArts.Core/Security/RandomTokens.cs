using System.Security.Cryptography;
using System.Text;

namespace LoftsDesArts.Core.Security;

/// <summary>Unguessable tokens and codes, and the hashes that are stored instead of them.</summary>
public static class RandomTokens
{
    /// <summary>Crockford base32: no I, L, O, U, so a code read aloud or typed is unambiguous.</summary>
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A 256-bit URL-safe token for email links.</summary>
    public static string UrlToken() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>An id that is safe in URLs and unguessable (128 bits).</summary>
    public static string Id(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Digits(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return builder.ToString();
    }

    /// <summary>A code of <paramref name="groups"/> groups of four Crockford characters: K7QD-M2XH-9PFA.</summary>
    public static string GroupedCode(int groups)
    {
        var builder = new StringBuilder((groups * 5) - 1);
        for (var g = 0; g < groups; g++)
        {
            if (g > 0)
            {
                builder.Append('-');
            }

            for (var i = 0; i < 4; i++)
            {
                builder.Append(CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Upper-cases, drops separators and maps look-alikes (O→0, I/L→1), as Crockford decoding does.</summary>
    public static string NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(code.Length);
        foreach (var c in code.ToUpperInvariant())
        {
            switch (c)
            {
                case '-' or ' ' or '\u00A0' or '\u202F':
                    continue;
                case 'O':
                    builder.Append('0');
                    break;
                case 'I' or 'L':
                    builder.Append('1');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>SHA-256, hex: tokens and codes are stored only as this.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
