using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Staff;

/// <summary>
/// Sends a staff invitation's email. The single-use link is issued here, at sending time (as
/// <see cref="IdentityMailHandler"/> does), so the secret exists only in the email and as a hash; a
/// replayed event resumes the notice already created instead of issuing a second link.
/// </summary>
public sealed class StaffMailHandler(IDocumentStore store, VerificationIssuer issuer, NoticeDispatcher notices, PortalLinks links, TimeProvider clock) : IFeedHandler
{
    public string Name => "staff-mail";

    public ContainerSpec Container => Containers.Buildings;

    public bool Wants(string kind) => kind == StaffEvents.Invited;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var buildingId = evt.BuildingId!;
        var invitationId = evt.Get("invitationId") ?? evt.SubjectId;
        var recipientKey = "invitation:" + invitationId;
        if (await notices.TryResumeAsync(evt, recipientKey, typeof(StaffInvitation), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var invitation = (await store.ReadAsync<StaffInvitationDocument>(Containers.Buildings, buildingId, StaffInvitationDocument.IdFor(invitationId), cancellationToken).ConfigureAwait(false))?.Value;
        if (invitation is null || invitation.StatusAt(clock.GetUtcNow()) != InvitationStatus.Pending)
        {
            return; // Cancelled (or replaced) before its email went out.
        }

        var building = (await store.ReadAsync<BuildingDocument>(Containers.Buildings, buildingId, BuildingDocument.DocumentId, cancellationToken).ConfigureAwait(false))?.Value;
        var token = await issuer.IssueLinkAsync(LinkPurpose.StaffInvitation, null, invitation.Email, invitation.ExpiresAt, cancellationToken, buildingId, invitationId).ConfigureAwait(false);
        var model = new StaffInvitation(invitation.FullName, building?.Name ?? buildingId, invitation.Role, links.StaffInvitation(invitation.Language, token), invitation.ExpiresAt);
        await notices.DispatchAsync(evt, [new NoticeRecipient(recipientKey, new EmailAddress(invitation.Email, invitation.FullName), invitation.Language, model)], cancellationToken).ConfigureAwait(false);
    }
}
