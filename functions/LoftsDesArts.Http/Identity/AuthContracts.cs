using LoftsDesArts.Core.Access;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http.Identity;

public sealed record SignInRequest(string? Email, string? Password) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Email("email", Email);
        errors.Text("password", Password, 1024);
    }
}

public sealed record TotpRequest(string? Code) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("code", Code, 16);
}

public sealed record EmailRequest(string? Email) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Email("email", Email);
}

public sealed record CodeSignInRequest(string? Email, string? Code) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Email("email", Email);
        errors.Text("code", Code, 16);
    }
}

/// <summary>Either the link's token, or the address and the six-digit code.</summary>
public sealed record VerifyEmailRequest(string? Token, string? Email, string? Code) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(Token))
        {
            errors.Text("token", Token, 256);
            return;
        }

        errors.Email("email", Email);
        errors.Text("code", Code, 16);
    }
}

public sealed record ResetPasswordRequest(string? Token, string? NewPassword) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("token", Token, 256);
        errors.Text("newPassword", NewPassword, 1024);
    }
}

public sealed record UnlockRequest(string? Password) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("password", Password, 1024);
}

/// <summary>The signed-in person as the web app sees them.</summary>
public sealed record MeResponse(
    string UserId,
    string Email,
    string FullName,
    string Language,
    AccountKind Kind,
    bool EmailVerified,
    bool TotpEnabled,
    IReadOnlyList<MembershipResponse> Memberships,
    IReadOnlyList<PendingRegistrationResponse> PendingRegistrations);

public sealed record MembershipResponse(string BuildingId, string BuildingName, string? UnitId, string? UnitNumber, Role Role, bool OwnerConfirmed);

public sealed record PendingRegistrationResponse(string BuildingId, string RegistrationId, string UnitNumber, DateTimeOffset SubmittedAt);

public sealed record SignInResponse(string Status, MeResponse? User);

public sealed record SessionResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string Device, bool Current);

public sealed record AcceptedResponse(string Next);
