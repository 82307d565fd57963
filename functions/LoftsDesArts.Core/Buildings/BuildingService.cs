using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Buildings;

public static class BuildingTexts
{
    public static readonly LocalizedText NotFound = new(
        "Cet immeuble est introuvable.",
        "This building could not be found.");
}

/// <summary>Creating buildings and reading their public face.</summary>
public sealed class BuildingService(IDocumentStore store, BuildingDirectoryCache directory, TimeProvider clock)
{
    public async Task<BuildingDocument> RequireAsync(string buildingId, CancellationToken cancellationToken) =>
        (await store.ReadAsync<BuildingDocument>(Containers.Buildings, buildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false))?.Value
        ?? throw DomainException.NotFound("building-not-found", BuildingTexts.NotFound);

    /// <summary>Creates the building (if new) and lists it in the directory.</summary>
    public async Task<BuildingDocument> EnsureAsync(string buildingId, string name, string address, CancellationToken cancellationToken)
    {
        var existing = await store.ReadAsync<BuildingDocument>(Containers.Buildings, buildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        var building = existing?.Value ?? new BuildingDocument
        {
            Id = BuildingDocument.DocumentId,
            BuildingId = buildingId,
            Name = name,
            Address = address,
            CreatedAt = clock.GetUtcNow(),
        };
        if (existing is null)
        {
            await store.CreateAsync(Containers.Buildings, buildingId, building.Id, building, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await store.ReadAsync<BuildingDirectory>(Containers.Lookups, BuildingDirectory.DocumentId, BuildingDirectory.DocumentId, cancellationToken).ConfigureAwait(false);
            var current = stored?.Value ?? new BuildingDirectory { Id = BuildingDirectory.DocumentId };
            if (current.Buildings.Any(b => b.BuildingId == buildingId))
            {
                break;
            }

            var next = current with { Buildings = [.. current.Buildings, new BuildingDirectoryEntry(buildingId, building.Name, building.Address)] };
            try
            {
                if (stored is null)
                {
                    await store.CreateAsync(Containers.Lookups, BuildingDirectory.DocumentId, BuildingDirectory.DocumentId, next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.ReplaceAsync(Containers.Lookups, BuildingDirectory.DocumentId, BuildingDirectory.DocumentId, next, stored.ETag, cancellationToken).ConfigureAwait(false);
                }
                break;
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict)
            {
                // Another building was added at the same moment: read again.
            }
        }

        directory.Invalidate();
        return building;
    }
}
