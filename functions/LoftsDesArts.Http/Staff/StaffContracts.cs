using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http.Staff;

public sealed record StaffMemberResponse(string UserId, string FullName, string Email, Role Role, DateTimeOffset Since);

public sealed record StaffInvitationResponse(string Id, string FullName, string Email, Role Role, string Language, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, InvitationStatus Status);

/// <summary>GET buildings/{buildingId}/staff: the members and the invitations still open.</summary>
public sealed record StaffListResponse(IReadOnlyList<StaffMemberResponse> Members, IReadOnlyList<StaffInvitationResponse> Invitations);

internal static class StaffRoleNames
{
    /// <summary>The staff roles as JSON names them (camelCase).</summary>
    public static readonly IReadOnlyList<string> All = ["frontDesk", "manager", "board", "admin"];

    public static Role Parse(string value) => Enum.Parse<Role>(value, ignoreCase: true);
}

public sealed record InviteStaffRequest(string? Email, string? FullName, string? Role, string? Language) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Email("email", Email);
        errors.Text("fullName", FullName, 120, 2);
        errors.OneOf("role", Role, StaffRoleNames.All);
        errors.OneOf("language", Language, ["fr", "en"], required: false);
    }
}

public sealed record ChangeStaffRoleRequest(string? Role) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.OneOf("role", Role, StaffRoleNames.All);
}

public sealed record InvitationTokenRequest(string? Token) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("token", Token, 256);
}

/// <summary>POST invitations/inspect: what the acceptance page shows before anything is decided.</summary>
public sealed record InvitationResponse(string Email, string FullName, string BuildingName, Role Role, DateTimeOffset ExpiresAt, InvitationAccount Account);

/// <summary>
/// POST invitations/accept. A new account sends its name and a new password; an existing resident
/// account sends its current password; an existing staff account sends the token alone.
/// </summary>
public sealed record AcceptInvitationRequest(string? Token, string? FullName, string? Password, string? Language) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("token", Token, 256);
        errors.Text("fullName", FullName, 120, 2, required: false);
        errors.Text("password", Password, PasswordPolicy.MaxLength, required: false);
        errors.OneOf("language", Language, ["fr", "en"], required: false);
    }
}

/// <summary>
/// <c>totp-enrolment</c> (with the secret to confirm through invitations/accept/totp) or
/// <c>membership-added</c> (an existing staff account: sign in as usual).
/// </summary>
public sealed record AcceptInvitationResponse(string Status, string? TotpSecret, string? OtpauthUri);

public sealed record AcceptInvitationTotpRequest(string? Token, string? Code) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("token", Token, 256);
        errors.Text("code", Code, 16);
    }
}
