using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Http.Identity;

/// <summary>Builds the <see cref="MeResponse"/> from the account, its memberships and the building names.</summary>
public sealed class MeReader(IDocumentStore store, BuildingDirectoryCache buildings)
{
    public async Task<MeResponse> ReadAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var memberships = (await store.ReadAsync<UserMemberships>(Containers.Users, account.UserId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false))?.Value
            ?? UserMemberships.Empty(account.UserId);
        var directory = await buildings.GetAsync(cancellationToken).ConfigureAwait(false);
        string NameOf(string buildingId) => directory.FirstOrDefault(b => b.BuildingId == buildingId)?.Name ?? buildingId;

        return new MeResponse(
            account.UserId,
            account.Email,
            account.FullName,
            account.Language == Core.Common.Language.En ? "en" : "fr",
            account.Kind,
            account.EmailVerified,
            account.TotpEnabled,
            [.. memberships.Items.Select(m => new MembershipResponse(m.BuildingId, NameOf(m.BuildingId), m.UnitId, m.UnitId, m.Role, m.OwnerConfirmed))],
            [.. memberships.Pending.Select(p => new PendingRegistrationResponse(p.BuildingId, p.RegistrationId, p.UnitNumber, p.SubmittedAt))]);
    }
}
