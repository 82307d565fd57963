namespace LoftsDesArts.Core.Packages;

/// <summary>Event kinds of the package feature (DESIGN §3.4): written with the state change, read by handlers.</summary>
public static class PackageEvents
{
    /// <summary>Logged for a unit (or assigned to one later): pushed to the unit and the desk at once.</summary>
    public const string Arrived = "package.arrived";

    /// <summary>Logged for nobody yet: the desk's unknown-recipient queue.</summary>
    public const string Unmatched = "package.unmatched";

    /// <summary>Any other change a screen should learn of (edit, photo, exception, undo).</summary>
    public const string Changed = "package.changed";

    /// <summary>The digest job's flush: one arrival email per member for the packages in <c>data.packageIds</c>.</summary>
    public const string ArrivalsDue = "package.arrivals-due";

    /// <summary>A reminder stage came due (<c>data.stage</c>: a day number or <c>final</c>).</summary>
    public const string ReminderDue = "package.reminder-due";

    /// <summary>One or several packages handed over together (subject: the release id; <c>data.packageIds</c>).</summary>
    public const string Released = "package.released";

    public const string ReleaseUndone = "package.release-undone";

    /// <summary>A unit's package preferences changed (the desk's open pickup screen refreshes).</summary>
    public const string PreferencesChanged = "package.preferences-changed";
}
