namespace VirtualMeet.SignalR.Redis; internal static class Placeholder { }
