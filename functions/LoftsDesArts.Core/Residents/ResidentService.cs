using System.Globalization;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Residents;

/// <summary>The building's residents as staff see them; every read is audit-logged (Law 25).</summary>
public sealed class ResidentService(IDocumentStore store, AuditLog audit, PrincipalCache principals)
{
    public async Task<IReadOnlyList<ResidentDocument>> ListAsync(string buildingId, string actorUserId, CancellationToken cancellationToken)
    {
        var residents = await store.QueryAllAsync<ResidentDocument>(RegistrationQueries.Residents, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actorUserId, "residents.read", "residents", null, new Dictionary<string, string> { ["count"] = residents.Count.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return residents;
    }

    /// <summary>Owner rights take effect only when staff confirm them (issue 2, B1).</summary>
    public async Task SetOwnerConfirmedAsync(string buildingId, string unitId, string userId, bool confirmed, string actorUserId, CancellationToken cancellationToken)
    {
        var normalizedUnit = UnitDocument.NormalizeNumber(unitId);
        var stored = await store.ReadAsync<ResidentDocument>(Containers.Buildings, buildingId, ResidentDocument.IdFor(normalizedUnit, userId), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("resident-not-found", RegistrationTexts.ResidentNotFound);
        if (confirmed && stored.Value.Relationship != Relationship.Owner)
        {
            throw DomainException.Invalid("confirmed", RegistrationTexts.NotAnOwner);
        }

        await store.ReplaceAsync(Containers.Buildings, buildingId, stored.Value.Id, stored.Value with { OwnerConfirmed = confirmed }, stored.ETag, cancellationToken).ConfigureAwait(false);
        await Memberships.ChangeAsync(store, userId, current => current with
        {
            Items = [.. current.Items.Select(m => m.BuildingId == buildingId && m.UnitId == normalizedUnit && m.Role == Role.Resident ? m with { OwnerConfirmed = confirmed } : m)],
        }, cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
        await audit.WriteAsync(buildingId, actorUserId, confirmed ? "resident.owner-confirmed" : "resident.owner-withdrawn", "user", userId, new Dictionary<string, string> { ["unit"] = normalizedUnit }, cancellationToken).ConfigureAwait(false);
    }
}
