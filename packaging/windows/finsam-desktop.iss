; Inno Setup 6 script: the Windows installer of Finsam Bokföring.
;
; Built by .github/workflows/release.yml on a Windows runner:
;   pyinstaller packaging\finsam-desktop.spec            -> dist\finsam-desktop\
;   iscc /DAppVersion=0.1.0 packaging\windows\finsam-desktop.iss
;                                                        -> dist\finsam-desktop-0.1.0-setup.exe
;
; Per user, no administrator rights: installs in %LOCALAPPDATA%\Programs\Finsam Bokföring,
; a start-menu entry, and the .finsam file type (with its icon) under HKEY_CURRENT_USER.
; The uninstaller removes the program, the entry and the file type, never a book: books
; live where the user saved them, and the program's data folder (demo book, settings,
; log) is not the install folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Finsam Bokföring"
#define AppExe "finsam-desktop.exe"
#define ProgId "FinsamBokforing.Bok"

[Setup]
; A fixed AppId: an update installs over the same program. Never change it.
AppId={{6F1C2B9E-4D0A-4E7B-9A53-2C8F1D6E7B40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Finsam Bokföring
VersionInfoVersion={#AppVersion}
; lowest: no UAC prompt; {autopf} is then the user's own Programs folder.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile=..\icons\finsam.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=finsam-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Swedish is one of Inno Setup's unofficial translations (not shipped with the compiler):
; the release workflow downloads Swedish.isl beside this script; without it the
; installer's own pages are in English.
#if FileExists(AddBackslash(SourcePath) + "Swedish.isl")
Name: "swedish"; MessagesFile: "Swedish.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "Skapa en genväg på skrivbordet"; GroupDescription: "Genvägar:"; Flags: unchecked

[Files]
; The whole PyInstaller folder (the program, Qt, Python and resources\).
Source: "..\..\dist\finsam-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\icons\finsam.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\finsam.ico"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\finsam.ico"; Tasks: desktopicon

[Registry]
; .finsam opens in the program and shows the book icon. HKA is HKEY_CURRENT_USER when
; installed without administrator rights. uninsdeletevalue/uninsdeletekey remove only
; these keys, never the books.
Root: HKA; Subkey: "Software\Classes\.finsam"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.finsam\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Finsam-bok"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\finsam.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".finsam"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed.
