using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Infrastructure.Azure.Photos;
using LoftsDesArts.Testing.Emulators;
using LoftsDesArts.Testing.Packages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Photos;

/// <summary>
/// The photo-store contract against Azurite (started by the fixture), a new container per test that the store
/// itself creates on first upload; plus the blob's content type and the registration from the app settings
/// the infrastructure sets.
/// </summary>
public sealed class BlobPackagePhotoStoreContractTests(AzuriteFixture azurite) : PackagePhotoStoreContract, IClassFixture<AzuriteFixture>
{
    private BlobContainerClient _container = null!;

    protected override Task<IPackagePhotoStore> CreateStoreAsync()
    {
        var options = new PackagePhotoBlobOptions { ConnectionString = azurite.ConnectionString, PackagePhotosContainer = NewContainerName() };
        _container = BlobPackagePhotoStore.CreateContainerClient(options, managedIdentityClientId: null);
        return Task.FromResult<IPackagePhotoStore>(new BlobPackagePhotoStore(_container));
    }

    public override async Task DisposeAsync() => await _container.DeleteIfExistsAsync();

    /// <summary>The container the store created is private, and an anonymous request for the blob is refused.</summary>
    protected override async Task AssertNotPubliclyReadableAsync(string buildingId, string packageId)
    {
        var blob = _container.GetBlobClient(PackagePhotoNames.ObjectName(buildingId, packageId));
        Assert.True(await blob.ExistsAsync()); // with the account's credentials it is there

        var policy = await _container.GetAccessPolicyAsync();
        Assert.Equal(PublicAccessType.None, policy.Value.BlobPublicAccess);

        var anonymous = new BlobClient(blob.Uri, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => anonymous.DownloadContentAsync());
        Assert.Contains(refused.Status, new[] { 401, 403, 404 });
    }

    [Fact]
    public async Task Put_Blob_IsAJpegBlockBlobNamedBuildingSlashPackage()
    {
        await Store.PutAsync(Building, "p-1", new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, default);

        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        Assert.Equal(["lofts-des-arts/p-1.jpg"], names);
        var properties = await _container.GetBlobClient("lofts-des-arts/p-1.jpg").GetPropertiesAsync();
        Assert.Equal("image/jpeg", properties.Value.ContentType);
        Assert.Equal(BlobType.Block, properties.Value.BlobType);
        Assert.Equal(4, properties.Value.ContentLength);
    }

    [Fact]
    public async Task OpenReadAndDelete_ContainerNotCreatedYet_NullAndNoError()
    {
        Assert.False(await _container.ExistsAsync());

        Assert.Null(await Store.OpenReadAsync(Building, "p-1", default));
        await Store.DeleteAsync(Building, "p-1", default);
    }

    [Fact]
    public async Task AddCosmosDocumentStore_AzuriteConnectionString_PhotosGoToTheConfiguredContainer()
    {
        var containerName = NewContainerName();
        using var services = Services(new()
        {
            ["CosmosDb:AccountEndpoint"] = "https://lda-cosmos.documents.azure.com:443/",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:PackagePhotosContainer"] = containerName,
            ["Packages:Photos:JpegQuality"] = "70",
        });
        var store = Assert.IsType<BlobPackagePhotoStore>(services.GetRequiredService<IPackagePhotoStore>());
        Assert.Equal(containerName, store.ContainerName);
        Assert.Equal(70, services.GetRequiredService<IOptions<PackagePhotoOptions>>().Value.JpegQuality);
        Assert.NotNull(services.GetRequiredService<PackagePhotoProcessor>());

        await store.PutAsync(Building, "p-1", new byte[] { 1, 2, 3 }, default);

        var container = new BlobContainerClient(azurite.ConnectionString, containerName);
        try
        {
            Assert.True(await container.GetBlobClient("lofts-des-arts/p-1.jpg").ExistsAsync());
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public void AddCosmosDocumentStore_InfrastructureSettings_ManagedIdentityClientOnTheBlobEndpoint()
    {
        // The names function-app.bicep gives the Functions app.
        using var services = Services(new()
        {
            ["CosmosDb:AccountEndpoint"] = "https://lda-cosmos.documents.azure.com:443/",
            ["Storage:BlobServiceUri"] = "https://ldastorage.blob.core.windows.net/",
            ["Storage:PackagePhotosContainer"] = "package-photos",
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        });

        var store = Assert.IsType<BlobPackagePhotoStore>(services.GetRequiredService<IPackagePhotoStore>());

        Assert.Equal("package-photos", store.ContainerName);
        var client = BlobPackagePhotoStore.CreateContainerClient(services.GetRequiredService<IOptions<PackagePhotoBlobOptions>>().Value, "00000000-0000-0000-0000-000000000001");
        Assert.Equal(new Uri("https://ldastorage.blob.core.windows.net/package-photos"), client.Uri);
        Assert.False(client.CanGenerateSasUri); // a token credential: no account key, so no SAS link can be made
    }

    [Fact]
    public void AddCosmosDocumentStore_NoBlobEndpoint_ClearErrorWhenThePhotoStoreIsFirstUsed()
    {
        using var services = Services(new() { ["CosmosDb:AccountEndpoint"] = "https://lda-cosmos.documents.azure.com:443/" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IPackagePhotoStore>());

        Assert.Contains("Storage__BlobServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCosmosDocumentStore(configuration);
        return services.BuildServiceProvider();
    }

    private static string NewContainerName() => "photos-" + Guid.NewGuid().ToString("N")[..20];
}
