using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Staff;

/// <summary>
/// Accepting a staff invitation from its emailed link (the page <c>/fr/invitation?jeton=…</c>): the page
/// shows the invitation, its button posts. Accepting with Microsoft goes through
/// <c>auth/entra/start?invitation=…</c> (<see cref="EntraRoutes"/>).
/// </summary>
public static class InvitationRoutes
{
    private static readonly ThrottleRule InvitationBudget = new("invitation", 30, TimeSpan.FromMinutes(10));

    public static readonly ApiRoute Inspect = ApiRoute
        .Post<InvitationTokenRequest>("InspectInvitation", "invitations/inspect", InspectAsync)
        .AllowAnonymous().Throttled(InvitationBudget).Returns<InvitationResponse>()
        .Describe("With the link's token: the building, the role and whether the address already has an account. Changes nothing.");

    public static readonly ApiRoute Accept = ApiRoute
        .Post<AcceptInvitationRequest>("AcceptInvitation", "invitations/accept", AcceptAsync)
        .AllowAnonymous().Throttled(InvitationBudget).Returns<AcceptInvitationResponse>()
        .Describe("Accepts: a new account's form (or a resident's password) answers a TOTP enrolment; an existing staff account gains the membership.");

    public static readonly ApiRoute ConfirmTotp = ApiRoute
        .Post<AcceptInvitationTotpRequest>("ConfirmInvitationTotp", "invitations/accept/totp", ConfirmTotpAsync)
        .AllowAnonymous().Throttled(InvitationBudget).Returns<SignInResponse>()
        .Describe("Confirms the TOTP enrolment with a code: the account is created (or becomes staff) and signed in.");

    public static IEnumerable<ApiRoute> All => [Inspect, Accept, ConfirmTotp];

    private static async Task<IResult> InspectAsync(ApiCall call, InvitationTokenRequest body)
    {
        var view = await call.Service<StaffInvitations>().InspectAsync(body.Token!, call.Aborted).ConfigureAwait(false);
        var i = view.Invitation;
        return ApiJson.Ok(new InvitationResponse(i.Email, i.FullName, view.BuildingName, i.Role, i.ExpiresAt, view.Account));
    }

    private static async Task<IResult> AcceptAsync(ApiCall call, AcceptInvitationRequest body)
    {
        var invitations = call.Service<StaffInvitations>();
        var view = await invitations.InspectAsync(body.Token!, call.Aborted).ConfigureAwait(false);
        if (view.Account == InvitationAccount.Staff)
        {
            await invitations.AcceptForStaffAccountAsync(body.Token!, call.Aborted).ConfigureAwait(false);
            return ApiJson.Ok(new AcceptInvitationResponse("membership-added", null, null));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            throw DomainException.Invalid("password", Texts.Fields.Required);
        }

        if (view.Account == InvitationAccount.New && string.IsNullOrWhiteSpace(body.FullName))
        {
            throw DomainException.Invalid("fullName", Texts.Fields.Required);
        }

        var enrolment = await invitations.BeginAsync(body.Token!, body.FullName, body.Password, Languages.TryParse(body.Language) ?? call.Language, call.ClientAddress, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(new AcceptInvitationResponse("totp-enrolment", enrolment.Secret, enrolment.OtpauthUri));
    }

    private static async Task<IResult> ConfirmTotpAsync(ApiCall call, AcceptInvitationTotpRequest body)
    {
        var account = await call.Service<StaffInvitations>().CompleteAsync(body.Token!, body.Code!, call.ClientAddress, call.Aborted).ConfigureAwait(false);
        var session = await call.Service<SessionService>().StartAsync(account, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await AuthRoutes.SignInResultAsync(call, new SignInResult(SignInStatus.SignedIn, account, session, null)).ConfigureAwait(false);
    }
}
