using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Residents;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Registrations;

/// <summary>Residents signing up, and management deciding on requests and issuing codes (issue 2, B1).</summary>
public static class RegistrationRoutes
{
    private static readonly ThrottleRule RegisterBudget = new("register", 20, TimeSpan.FromHours(1));

    public static readonly ApiRoute Register = ApiRoute
        .Post<RegisterRequest>("Register", "registrations", RegisterAsync)
        .AllowAnonymous().Throttled(RegisterBudget).Returns<RegisterResponse>(StatusCodes.Status202Accepted)
        .Describe("Creates a resident account for a unit, with a registration code or for management's approval.");

    public static readonly ApiRoute List = ApiRoute
        .Get("ListRegistrations", "buildings/{buildingId}/registrations", ListAsync)
        .RequireCapability(Capability.ReviewRegistrations).Returns<IReadOnlyList<RegistrationResponse>>()
        .WithQuery("status", "pending", "approved", "rejected")
        .Describe("Registrations by status (?status=pending|approved|rejected), oldest first.");

    public static readonly ApiRoute Approve = ApiRoute
        .Post<ApproveRequest>("ApproveRegistration", "buildings/{buildingId}/registrations/{registrationId}/approve", ApproveAsync)
        .RequireCapability(Capability.ReviewRegistrations).Returns<RegistrationResponse>()
        .Describe("Approves a waiting registration; optionally confirms owner rights.");

    public static readonly ApiRoute Reject = ApiRoute
        .Post<RejectRequest>("RejectRegistration", "buildings/{buildingId}/registrations/{registrationId}/reject", RejectAsync)
        .RequireCapability(Capability.ReviewRegistrations).Returns<RegistrationResponse>()
        .Describe("Refuses a waiting registration with a reason sent to the person.");

    public static readonly ApiRoute IssueCode = ApiRoute
        .Post<IssueCodeRequest>("IssueRegistrationCode", "buildings/{buildingId}/units/{unitId}/registration-codes", IssueCodeAsync)
        .RequireCapability(Capability.ManageRegistrationCodes).Returns<IssuedCodeResponse>(StatusCodes.Status201Created)
        .Describe("Issues a unit's registration code; the code is shown only in this answer.");

    public static readonly ApiRoute ListCodes = ApiRoute
        .Get("ListRegistrationCodes", "buildings/{buildingId}/units/{unitId}/registration-codes", ListCodesAsync)
        .RequireCapability(Capability.ManageRegistrationCodes).Returns<IReadOnlyList<RegistrationCodeResponse>>()
        .Describe("A unit's registration codes and their use (never the codes themselves).");

    public static readonly ApiRoute RevokeCode = ApiRoute
        .Post("RevokeRegistrationCode", "buildings/{buildingId}/units/{unitId}/registration-codes/{codeId}/revoke", RevokeCodeAsync)
        .RequireCapability(Capability.ManageRegistrationCodes)
        .Describe("Revokes a registration code.");

    public static readonly ApiRoute ListResidents = ApiRoute
        .Get("ListResidents", "buildings/{buildingId}/residents", ListResidentsAsync)
        .RequireCapability(Capability.ViewRoster).Returns<IReadOnlyList<ResidentResponse>>()
        .Describe("The building's residents (read is audit-logged).");

    public static readonly ApiRoute ConfirmOwner = ApiRoute
        .Post<ConfirmOwnerRequest>("ConfirmOwner", "buildings/{buildingId}/residents/{userId}/owner", ConfirmOwnerAsync)
        .RequireCapability(Capability.ReviewRegistrations)
        .Describe("Confirms (or withdraws) a resident's owner rights for a unit.");

    public static IEnumerable<ApiRoute> All => [Register, List, Approve, Reject, IssueCode, ListCodes, RevokeCode, ListResidents, ConfirmOwner];

    private static async Task<IResult> RegisterAsync(ApiCall call, RegisterRequest body)
    {
        var command = new RegisterResident(
            body.BuildingId!.Trim(),
            body.UnitNumber!,
            body.RegistrationCode,
            body.FullName!,
            body.Email!,
            body.Password!,
            Languages.TryParse(body.Language) ?? Languages.Default,
            Enum.Parse<Relationship>(body.Relationship!, ignoreCase: true),
            body.TermsVersion!,
            body.PrivacyVersion!);
        var accepted = await call.Service<RegistrationService>().RegisterAsync(command, call.Aborted).ConfigureAwait(false);
        return ApiJson.Accepted(new RegisterResponse("check-inbox", accepted.ApprovalRequired));
    }

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var status = call.Http.Request.Query["status"].ToString() switch
        {
            "" or "pending" => RegistrationStatus.Pending,
            "approved" => RegistrationStatus.Approved,
            "rejected" => RegistrationStatus.Rejected,
            _ => throw DomainException.Invalid("status", Texts.Fields.InvalidChoice),
        };
        var registrations = await call.Service<RegistrationService>().ListAsync(call.BuildingId, status, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        var accounts = call.Service<Accounts>();
        var response = new List<RegistrationResponse>(registrations.Count);
        foreach (var registration in registrations)
        {
            var account = await accounts.ReadAsync(registration.UserId, call.Aborted).ConfigureAwait(false);
            response.Add(ToResponse(registration, account?.Value.EmailVerified ?? false));
        }

        return ApiJson.Ok<IReadOnlyList<RegistrationResponse>>(response);
    }

    private static async Task<IResult> ApproveAsync(ApiCall call, ApproveRequest body)
    {
        var approved = await call.Service<RegistrationService>().ApproveAsync(call.BuildingId, call.RouteValue("registrationId"), body.ConfirmOwner, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(ToResponse(approved, emailVerified: true));
    }

    private static async Task<IResult> RejectAsync(ApiCall call, RejectRequest body)
    {
        var rejected = await call.Service<RegistrationService>().RejectAsync(call.BuildingId, call.RouteValue("registrationId"), body.Reason!, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(ToResponse(rejected, emailVerified: true));
    }

    private static async Task<IResult> IssueCodeAsync(ApiCall call, IssueCodeRequest body)
    {
        var issued = await call.Service<RegistrationCodeService>().IssueAsync(
            call.BuildingId,
            call.RouteValue("unitId"),
            body.MaxUses ?? RegistrationCodeService.DefaultMaxUses,
            body.ValidDays ?? RegistrationCodeService.DefaultValidDays,
            call.Caller.UserId,
            call.Aborted).ConfigureAwait(false);
        return ApiJson.Created(new IssuedCodeResponse(issued.Document.CodeId, issued.Code, issued.Unit.Number, issued.Document.ExpiresAt, issued.Document.MaxUses));
    }

    private static async Task<IResult> ListCodesAsync(ApiCall call)
    {
        var codes = await call.Service<RegistrationCodeService>().ListAsync(call.BuildingId, call.RouteValue("unitId"), call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        return ApiJson.Ok<IReadOnlyList<RegistrationCodeResponse>>([.. codes.Select(c => new RegistrationCodeResponse(c.CodeId, c.IssuedAt, c.ExpiresAt, c.MaxUses, c.Uses, c.RevokedAt, RegistrationCodeService.StatusOf(c, now)))]);
    }

    private static async Task<IResult> RevokeCodeAsync(ApiCall call)
    {
        await call.Service<RegistrationCodeService>().RevokeAsync(call.BuildingId, call.RouteValue("unitId"), call.RouteValue("codeId"), call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListResidentsAsync(ApiCall call)
    {
        var residents = await call.Service<ResidentService>().ListAsync(call.BuildingId, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok<IReadOnlyList<ResidentResponse>>([.. residents.Select(r => new ResidentResponse(r.UserId, r.FullName, r.Email, r.UnitId, r.UnitNumber, r.Relationship, r.OwnerConfirmed))]);
    }

    private static async Task<IResult> ConfirmOwnerAsync(ApiCall call, ConfirmOwnerRequest body)
    {
        await call.Service<ResidentService>().SetOwnerConfirmedAsync(call.BuildingId, body.UnitId!, call.RouteValue("userId"), body.Confirmed, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static RegistrationResponse ToResponse(RegistrationDocument r, bool emailVerified) =>
        new(r.RegistrationId, r.FullName, r.Email, r.UnitNumber, r.Relationship, r.SubmittedAt, r.Status, emailVerified);
}
