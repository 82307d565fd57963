namespace LoftsDesArts.Infrastructure.Azure.Photos;

/// <summary>
/// Where package photos go in Azure (configuration section <c>Storage</c>, set by the infrastructure as
/// <c>Storage__BlobServiceUri</c> and <c>Storage__PackagePhotosContainer</c>; the identity is <c>AZURE_CLIENT_ID</c>).
/// </summary>
public sealed class PackagePhotoBlobOptions
{
    public const string SectionName = "Storage";

    public const string DefaultContainerName = "package-photos";

    /// <summary>The account's blob endpoint, reached with the managed identity (production).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>A connection string instead (Azurite, local runs). Used when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The private container the infrastructure creates (main.bicep: <c>package-photos</c>).</summary>
    public string PackagePhotosContainer { get; set; } = DefaultContainerName;
}
