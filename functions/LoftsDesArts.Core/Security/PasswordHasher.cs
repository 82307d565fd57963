using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace LoftsDesArts.Core.Security;

/// <summary>
/// Argon2id with the OWASP Password Storage Cheat Sheet's first configuration (m = 19 MiB, t = 2,
/// p = 1), stored as a PHC string so parameters can be raised later: a hash made with weaker
/// parameters verifies and reports that it needs a rehash.
/// </summary>
public static class PasswordHasher
{
    private const int MemoryKib = 19 * 1024;
    private const int Iterations = 2;
    private const int Parallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, MemoryKib, Iterations, Parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={MemoryKib},t={Iterations},p={Parallelism}${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(hash).TrimEnd('=')}");
    }

    /// <summary>Checks a password against a stored PHC string in constant time.</summary>
    public static PasswordCheck Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id")
        {
            return PasswordCheck.Failed;
        }

        var parameters = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var salt = FromPhcBase64(parts[4]);
        var expected = FromPhcBase64(parts[5]);
        var actual = Compute(password, salt, parameters["m"], parameters["t"], parameters["p"], expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Failed;
        }

        var current = parameters["m"] >= MemoryKib && parameters["t"] >= Iterations;
        return current ? PasswordCheck.Ok : PasswordCheck.OkNeedsRehash;
    }

    /// <summary>
    /// Spends the same time as a real check, so "no such account" and "wrong password" cannot be
    /// told apart by timing.
    /// </summary>
    public static void SpendEquivalentTime(string password) =>
        Compute(password, new byte[SaltBytes], MemoryKib, Iterations, Parallelism, HashBytes);

    private static byte[] Compute(string password, byte[] salt, int memoryKib, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKib,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static byte[] FromPhcBase64(string value) =>
        Convert.FromBase64String(value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));
}

public enum PasswordCheck
{
    Failed,
    Ok,
    OkNeedsRehash,
}
