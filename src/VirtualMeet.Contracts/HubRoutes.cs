namespace VirtualMeet.Contracts; public static class HubRoutes { public const string Polls = "/hubs/polls"; }
