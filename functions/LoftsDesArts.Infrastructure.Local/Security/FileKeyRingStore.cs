using System.Security.Cryptography;
using System.Text.Json;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Security;

/// <summary>
/// Key rings kept by the self-host in <c>{DataFolder}/keys/{name}.json</c>, created on first use with
/// owner-only permissions. Back the data folder up with the database: losing the keys signs everyone
/// out and makes TOTP seeds unreadable.
/// </summary>
public sealed class FileKeyRingStore(IOptions<LocalStorageOptions> options, TimeProvider clock) : IKeyRingStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<KeyRing> GetOrCreateAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(name, cancellationToken).ConfigureAwait(false)
                ?? await WriteAsync(name, [NewKey()], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<KeyRing> RotateAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
            return await WriteAsync(name, [.. current?.Keys ?? [], NewKey()], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private KeyMaterial NewKey() =>
        new("k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), clock.GetUtcNow(), RandomNumberGenerator.GetBytes(KeyRings.KeyBytes));

    private string PathOf(string name) => Path.Combine(Path.GetFullPath(options.Value.DataFolder), "keys", name + ".json");

    private async Task<KeyRing?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using var _ = stream.ConfigureAwait(false);
        var keys = await JsonSerializer.DeserializeAsync<List<KeyMaterial>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return keys is { Count: > 0 } ? new KeyRing(name, keys) : null;
    }

    private async Task<KeyRing> WriteAsync(string name, IReadOnlyList<KeyMaterial> keys, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temp, fileOptions);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, keys, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
        return new KeyRing(name, keys);
    }
}
