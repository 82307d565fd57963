using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Photos;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local;

public static class LocalInfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite document store (configuration section <c>Storage</c>: <c>DataFolder</c>,
    /// <c>ReadConnections</c>, <c>BusyTimeoutMilliseconds</c>) as <see cref="IDocumentStore"/>, and its
    /// readiness check. The host must also initialize it before serving (<see cref="LocalStoreInitializer"/>).
    /// Also the package photos: <see cref="FilePackagePhotoStore"/> in <c>{DataFolder}/package-photos</c> and
    /// <see cref="PackagePhotoProcessor"/> (section <c>Packages:Photos</c>), see <see cref="AddLocalPackagePhotos"/>.
    /// </summary>
    public static IServiceCollection AddLocalDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalStorageOptions>().Bind(configuration.GetSection(LocalStorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDocumentStore>();
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
        services.AddLocalPackagePhotos(configuration);
        return services;
    }

    /// <summary>
    /// <see cref="IPackagePhotoStore"/> as files under the data folder (<c>Storage:DataFolder</c>, see
    /// <see cref="FilePackagePhotoStore"/>) and the <see cref="PackagePhotoProcessor"/> with
    /// <see cref="PackagePhotoOptions"/> bound from <c>Packages:Photos</c>.
    /// </summary>
    public static IServiceCollection AddLocalPackagePhotos(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalStorageOptions>().Bind(configuration.GetSection(LocalStorageOptions.SectionName));
        services.AddOptions<PackagePhotoOptions>().Bind(configuration.GetSection(PackagePhotoOptions.SectionName));
        services.TryAddSingleton(sp => new PackagePhotoProcessor(sp.GetRequiredService<IOptions<PackagePhotoOptions>>().Value));
        services.TryAddSingleton<IPackagePhotoStore>(sp => new FilePackagePhotoStore(
            Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<LocalStorageOptions>>().Value.DataFolder), FilePackagePhotoStore.FolderName)));
        return services;
    }
}
