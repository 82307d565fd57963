using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Registrations;

/// <summary>
/// What follows a registration event: the staff's waiting list updates live (a push with ids only;
/// the console re-fetches through the authorized API), and the person learns the decision by email
/// in their language.
/// </summary>
public sealed class RegistrationNoticeHandler(
    IDocumentStore store,
    Accounts accounts,
    NoticeDispatcher notices,
    IRealtimePublisher realtime,
    Common.PortalLinks links) : IFeedHandler
{
    public const string SubmittedPush = "registration.submitted";
    public const string DecidedPush = "registration.decided";

    public string Name => "registration-notices";

    public ContainerSpec Container => Containers.Buildings;

    public bool Wants(string kind) => kind is RegistrationEvents.Submitted or RegistrationEvents.Approved or RegistrationEvents.Rejected or RegistrationEvents.Admitted;

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        var buildingId = evt.BuildingId!;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["buildingId"] = buildingId, ["registrationId"] = evt.SubjectId };
        var staffGroup = RealtimeGroups.BuildingStaff(buildingId);
        if (evt.Kind is RegistrationEvents.Submitted or RegistrationEvents.Admitted)
        {
            await realtime.SendToGroupAsync(staffGroup, new RealtimeMessage(SubmittedPush, ids), cancellationToken).ConfigureAwait(false);
            return;
        }

        await realtime.SendToGroupAsync(staffGroup, new RealtimeMessage(DecidedPush, ids), cancellationToken).ConfigureAwait(false);
        var registration = (await store.ReadAsync<RegistrationDocument>(Containers.Buildings, buildingId, RegistrationDocument.IdFor(evt.SubjectId), cancellationToken).ConfigureAwait(false))?.Value;
        var account = registration is null ? null : (await accounts.ReadAsync(registration.UserId, cancellationToken).ConfigureAwait(false))?.Value;
        if (registration is null || account is null)
        {
            return;
        }

        if (evt.Kind == RegistrationEvents.Approved)
        {
            // Open tabs of the new resident join the unit's group without reconnecting.
            await realtime.AddUserToGroupAsync(account.UserId, RealtimeGroups.Unit(buildingId, registration.UnitId), cancellationToken).ConfigureAwait(false);
        }

        await realtime.SendToUserAsync(account.UserId, new RealtimeMessage(DecidedPush, ids), cancellationToken).ConfigureAwait(false);
        EmailModel model = evt.Kind == RegistrationEvents.Approved
            ? new RegistrationApproved(account.FullName, registration.UnitNumber, links.SignIn(account.Language))
            : new RegistrationRejected(account.FullName, registration.UnitNumber, registration.RejectionReason);
        await notices.DispatchAsync(evt, [new NoticeRecipient(account.UserId, new EmailAddress(account.Email, account.FullName), account.Language, model)], cancellationToken).ConfigureAwait(false);
    }
}
