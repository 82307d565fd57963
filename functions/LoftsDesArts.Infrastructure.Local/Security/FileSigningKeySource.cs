using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Security;

namespace LoftsDesArts.Infrastructure.Local.Security;

/// <summary>
/// Signing keys in files of the self-host's data folder: <c>{folder}/{purpose}.json</c>, readable by the
/// process owner only (mode 600 on Unix). A key set is created on first use with 256 random bits and
/// cached; <see cref="RotateAsync"/> writes a new current key and keeps the last
/// <see cref="PreviousKeysKept"/> keys for verification.
/// </summary>
public sealed partial class FileSigningKeySource : ISigningKeySource, IDisposable
{
    public const int PreviousKeysKept = 2;
    public const int KeyBytes = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _folder;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SigningKeySet> _cache = new(StringComparer.Ordinal);

    public FileSigningKeySource(string folder, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        _clock = clock;
    }

    public async Task<SigningKeySet> GetKeysAsync(string purpose, CancellationToken cancellationToken)
    {
        var path = PathOf(purpose);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(purpose, out var cached))
            {
                return cached;
            }

            var set = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                set = new SigningKeySet(NewKey(), []);
                await WriteAsync(path, set, cancellationToken).ConfigureAwait(false);
            }

            _cache[purpose] = set;
            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SigningKeySet> RotateAsync(string purpose, CancellationToken cancellationToken)
    {
        var path = PathOf(purpose);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
            var previous = existing is null ? [] : existing.Verifying.Take(PreviousKeysKept).ToList();
            var set = new SigningKeySet(NewKey(), previous);
            await WriteAsync(path, set, cancellationToken).ConfigureAwait(false);
            _cache[purpose] = set;
            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private string PathOf(string purpose)
    {
        if (string.IsNullOrEmpty(purpose) || !PurposePattern().IsMatch(purpose))
        {
            throw new ArgumentException("A key purpose is lower-case letters, digits and dashes.", nameof(purpose));
        }

        return Path.Combine(_folder, purpose + ".json");
    }

    private SigningKey NewKey()
    {
        var id = _clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var bytes = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            return new SigningKey(id, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static async Task<SigningKeySet?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var file = await JsonSerializer.DeserializeAsync<KeyFile>(stream, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Signing key file {path} is empty.");
            if (file.Current is null)
            {
                throw new InvalidDataException($"Signing key file {path} has no current key.");
            }

            return new SigningKeySet(file.Current.ToKey(), [.. (file.Previous ?? []).Select(k => k.ToKey())]);
        }
    }

    private async Task WriteAsync(string path, SigningKeySet set, CancellationToken cancellationToken)
    {
        CreatePrivateDirectory(_folder);
        var file = new KeyFile(KeyEntry.From(set.Current), [.. set.Previous.Select(KeyEntry.From)]);
        var temp = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temp, options);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, file, Json, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // Atomic replace: a reader sees the old file or the new one, never half of one.
        File.Move(temp, path, overwrite: true);
    }

    private static void CreatePrivateDirectory(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    private sealed record KeyFile(KeyEntry? Current, IReadOnlyList<KeyEntry>? Previous);

    private sealed record KeyEntry(string Kid, string Key)
    {
        public static KeyEntry From(SigningKey key)
        {
            var bytes = key.CopyBytes();
            try
            {
                return new KeyEntry(key.KeyId, Convert.ToBase64String(bytes));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }

        public SigningKey ToKey()
        {
            var bytes = Convert.FromBase64String(Key);
            try
            {
                return new SigningKey(Kid, bytes);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }
}
