namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// The few UI texts the shared helpers locate elements by (labels and button names, as a screen reader finds them),
/// in both languages. Page tests keep their own texts beside them.
/// </summary>
public sealed record UiTexts(
    string SignInTitle,
    string DisplayName,
    string Interests,
    string ContentLanguage,
    string Register,
    string OrganizerKey,
    string EnterAsOrganizer,
    string LobbyAgenda)
{
    public static readonly UiTexts English = new(
        "Welcome to VirtualMeet", "Display name", "Interests (optional)", "Content language", "Register and enter",
        "Organiser key", "Enter as organiser", "Programme");

    public static readonly UiTexts German = new(
        "Willkommen bei VirtualMeet", "Anzeigename", "Interessen (optional)", "Sprache der Inhalte", "Anmelden und eintreten",
        "Organisationsschlüssel", "Als Organisation eintreten", "Programm");

    public static UiTexts For(string language) => language == "de" ? German : English;
}
