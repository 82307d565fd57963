namespace LoftsDesArts.Core.Registrations;

/// <summary>Event kinds of registrations (building partition).</summary>
public static class RegistrationEvents
{
    /// <summary>A request without a code: staff see it appear on their waiting list.</summary>
    public const string Submitted = "registration.submitted";

    /// <summary>Admitted by a registration code.</summary>
    public const string Admitted = "registration.admitted";

    public const string Approved = "registration.approved";

    public const string Rejected = "registration.rejected";
}
