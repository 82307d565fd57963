using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http.Registrations;

public sealed record RegisterRequest(
    string? BuildingId,
    string? UnitNumber,
    string? RegistrationCode,
    string? FullName,
    string? Email,
    string? Password,
    string? Language,
    string? Relationship,
    bool AcceptTerms,
    bool AcceptPrivacy,
    string? TermsVersion,
    string? PrivacyVersion) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("buildingId", BuildingId, 64);
        errors.Text("unitNumber", UnitNumber, 16);
        errors.Text("registrationCode", RegistrationCode, 32, required: false);
        errors.Text("fullName", FullName, 120, 2);
        errors.Email("email", Email);
        if (errors.Text("password", Password, PasswordPolicy.MaxLength, 1) && PasswordPolicy.Check(Password, Email, FullName) is { } weak)
        {
            errors.Add("password", weak);
        }

        errors.OneOf("language", Language, ["fr", "en"]);
        errors.OneOf("relationship", Relationship, ["owner", "tenant", "occupant"]);
        if (!AcceptTerms)
        {
            errors.Add("acceptTerms", RegistrationTexts.TermsRequired);
        }

        if (!AcceptPrivacy)
        {
            errors.Add("acceptPrivacy", RegistrationTexts.PrivacyRequired);
        }

        errors.Text("termsVersion", TermsVersion, 32);
        errors.Text("privacyVersion", PrivacyVersion, 32);
    }
}

public sealed record RegisterResponse(string Next, bool ApprovalRequired);

public sealed record RegistrationResponse(
    string Id,
    string FullName,
    string Email,
    string UnitNumber,
    Relationship Relationship,
    DateTimeOffset SubmittedAt,
    RegistrationStatus Status,
    bool EmailVerified);

public sealed record ApproveRequest(bool ConfirmOwner);

public sealed record RejectRequest(string? Reason) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add("reason", RegistrationTexts.ReasonRequired);
            return;
        }

        errors.Text("reason", Reason, 500);
    }
}

public sealed record IssueCodeRequest(int? MaxUses, int? ValidDays) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("maxUses", MaxUses, 1, 20, required: false);
        errors.Range("validDays", ValidDays, 1, 365, required: false);
    }
}

public sealed record IssuedCodeResponse(string Id, string Code, string UnitNumber, DateTimeOffset ExpiresAt, int MaxUses);

public sealed record RegistrationCodeResponse(string Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int MaxUses, int Uses, DateTimeOffset? RevokedAt, RegistrationCodeStatus Status);

public sealed record ResidentResponse(string UserId, string FullName, string Email, string UnitId, string UnitNumber, Relationship Relationship, bool OwnerConfirmed);

public sealed record ConfirmOwnerRequest(string? UnitId, bool Confirmed) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("unitId", UnitId, 16);
}
