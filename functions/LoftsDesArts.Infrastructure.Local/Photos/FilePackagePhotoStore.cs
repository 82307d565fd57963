using System.Security.Cryptography;
using LoftsDesArts.Core.Packages.Photos;

namespace LoftsDesArts.Infrastructure.Local.Photos;

/// <summary>
/// The self-host's <see cref="IPackagePhotoStore"/>: one file per photo at
/// <c>{root}/{buildingId}/{packageId}.jpg</c>, where the root is <c>{Storage:DataFolder}/package-photos</c>.
/// Files and folders are private to the process owner (600/700 on Unix) and are never served directly;
/// a write goes to a temp file in the same folder, then is moved over the old one, so a reader sees
/// the old photo or the new one, never half of one. Ids are checked by <see cref="PackagePhotoNames"/>.
/// </summary>
public sealed class FilePackagePhotoStore : IPackagePhotoStore
{
    /// <summary>The folder under the data folder.</summary>
    public const string FolderName = "package-photos";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public FilePackagePhotoStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute folder holding one sub-folder per building.</summary>
    public string Root { get; }

    public async Task PutAsync(string buildingId, string packageId, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken)
    {
        var path = PathOf(buildingId, packageId);
        var folder = Path.GetDirectoryName(path)!;
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(folder);

        var temp = Path.Combine(folder, "." + packageId + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        try
        {
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(jpeg, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string buildingId, string packageId, CancellationToken cancellationToken)
    {
        var path = PathOf(buildingId, packageId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: a photo replaced or deleted while it is being sent is unlinked, and this read finishes.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 16 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string buildingId, string packageId, CancellationToken cancellationToken)
    {
        var path = PathOf(buildingId, packageId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path); // no error when the file is absent
        }
        catch (DirectoryNotFoundException)
        {
            // The building has no photo folder yet: nothing to delete.
        }

        return Task.CompletedTask;
    }

    /// <summary>The photo's absolute path; the ids are checked, and the result is checked to stay under <see cref="Root"/>.</summary>
    public string PathOf(string buildingId, string packageId)
    {
        var name = PackagePhotoNames.ObjectName(buildingId, packageId);
        var path = Path.GetFullPath(Path.Combine(Root, buildingId, packageId + PackagePhotoNames.Extension));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The photo name {name} leaves the photo folder.", nameof(packageId));
        }

        return path;
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
            Directory.CreateDirectory(folder, PrivateFolder);
        }
    }
}
