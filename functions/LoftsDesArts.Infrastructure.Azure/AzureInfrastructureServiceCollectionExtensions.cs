using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Photos;
using LoftsDesArts.Infrastructure.Azure.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure;

public static class AzureInfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The Cosmos DB document store as <see cref="IDocumentStore"/> (configuration section <c>CosmosDb</c>,
    /// see <see cref="CosmosDbOptions"/>, checked at start), its <see cref="CosmosClient"/> (one per process),
    /// the <see cref="CosmosStoreInitializer"/> that compiles the named queries and creates or checks the
    /// containers before the host serves, and <see cref="StoreReadinessCheck"/>. Also the package photos in Blob
    /// storage, see <see cref="AddAzurePackagePhotos"/>.
    /// </summary>
    public static IServiceCollection AddCosmosDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosDbOptions>().Bind(configuration.GetSection(CosmosDbOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosDbOptions>, CosmosDbOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CosmosDbOptions>>().Value.CreateClient(azureClientId: configuration["AZURE_CLIENT_ID"]));
        services.AddSingleton<CosmosDocumentStore>();
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<CosmosDocumentStore>());
        services.AddSingleton<IHostedService, CosmosStoreInitializer>();
        services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
        services.AddAzurePackagePhotos(configuration);
        return services;
    }

    /// <summary>
    /// <see cref="IPackagePhotoStore"/> as blobs (<see cref="BlobPackagePhotoStore"/>; <c>Storage__BlobServiceUri</c>
    /// with the managed identity <c>AZURE_CLIENT_ID</c>, or <c>Storage__ConnectionString</c>, and
    /// <c>Storage__PackagePhotosContainer</c>) and the <see cref="PackagePhotoProcessor"/> with
    /// <see cref="PackagePhotoOptions"/> bound from <c>Packages:Photos</c>. The client is made on first use.
    /// </summary>
    public static IServiceCollection AddAzurePackagePhotos(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PackagePhotoOptions>().Bind(configuration.GetSection(PackagePhotoOptions.SectionName));
        services.TryAddSingleton(sp => new PackagePhotoProcessor(sp.GetRequiredService<IOptions<PackagePhotoOptions>>().Value));
        services.AddOptions<PackagePhotoBlobOptions>().Bind(configuration.GetSection(PackagePhotoBlobOptions.SectionName));
        services.TryAddSingleton<IPackagePhotoStore>(sp => new BlobPackagePhotoStore(BlobPackagePhotoStore.CreateContainerClient(
            sp.GetRequiredService<IOptions<PackagePhotoBlobOptions>>().Value, configuration["AZURE_CLIENT_ID"])));
        return services;
    }
}

internal sealed class CosmosDbOptionsValidator : IValidateOptions<CosmosDbOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosDbOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
