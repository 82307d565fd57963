using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LoftsDesArts.Core.Packages.Photos;

namespace LoftsDesArts.Infrastructure.Azure.Photos;

/// <summary>
/// Azure's <see cref="IPackagePhotoStore"/>: one block blob per photo, <c>{buildingId}/{packageId}.jpg</c>, content
/// type <c>image/jpeg</c>, in a private container reached with the managed identity. No public access and no
/// SAS link: photos leave only through the authorized API. A single-request upload replaces the blob at once.
/// The infrastructure creates the container; when it is missing (a fresh emulator), the first upload creates
/// it, private.
/// </summary>
public sealed class BlobPackagePhotoStore : IPackagePhotoStore
{
    private readonly BlobContainerClient _container;
    private volatile bool _containerEnsured;

    public BlobPackagePhotoStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    public string ContainerName => _container.Name;

    public async Task PutAsync(string buildingId, string packageId, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(PackagePhotoNames.ObjectName(buildingId, packageId));
        var content = BinaryData.FromBytes(jpeg);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = PackagePhotoNames.ContentType } };
        try
        {
            await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound && !_containerEnsured)
        {
            await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerEnsured = true;
            await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Stream?> OpenReadAsync(string buildingId, string packageId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(PackagePhotoNames.ObjectName(buildingId, packageId));
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no such blob, or no container yet
        }
    }

    public async Task DeleteAsync(string buildingId, string packageId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(PackagePhotoNames.ObjectName(buildingId, packageId));
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing to delete.
        }
    }

    /// <summary>
    /// The photos container's client: the connection string when set (Azurite), else the blob endpoint with
    /// the user-assigned managed identity <paramref name="managedIdentityClientId"/> (or the system identity when
    /// unset); the service version Azurite 3.37 also speaks.
    /// </summary>
    public static BlobContainerClient CreateContainerClient(PackagePhotoBlobOptions options, string? managedIdentityClientId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06);
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobContainerClient(options.ConnectionString, options.PackagePhotosContainer, clientOptions);
        }

        if (options.BlobServiceUri is null)
        {
            throw new InvalidOperationException(
                $"Set {PackagePhotoBlobOptions.SectionName}__BlobServiceUri (or {PackagePhotoBlobOptions.SectionName}__ConnectionString) for the package photos.");
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
        return new BlobServiceClient(options.BlobServiceUri, credential, clientOptions).GetBlobContainerClient(options.PackagePhotosContainer);
    }
}
