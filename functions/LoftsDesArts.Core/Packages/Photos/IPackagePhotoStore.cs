namespace LoftsDesArts.Core.Packages.Photos;

/// <summary>
/// Where the photo of a package lives: one JPEG per package, already re-encoded by
/// <see cref="PackagePhotoProcessor"/>, named <c>{buildingId}/{packageId}.jpg</c>
/// (<see cref="PackagePhotoNames.ObjectName"/>). Private: never served by a public or signed link,
/// only through the authorized API. Adapters: files under the self-host's data folder, Azure Blob storage.
/// </summary>
public interface IPackagePhotoStore
{
    /// <summary>Stores the photo, replacing any earlier one, atomically (a reader sees the old photo or the new one).</summary>
    Task PutAsync(string buildingId, string packageId, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken);

    /// <summary>The photo's bytes (the caller disposes the stream), or <c>null</c> when the package has none.</summary>
    Task<Stream?> OpenReadAsync(string buildingId, string packageId, CancellationToken cancellationToken);

    /// <summary>Removes the photo; does nothing when there is none.</summary>
    Task DeleteAsync(string buildingId, string packageId, CancellationToken cancellationToken);
}
