; Village Studio · 村镇直播间 — Windows installer (NSIS 3, Unicode).
;
; Build (see installer/WINDOWS_BUILD.md): after PyInstaller made dist\VillageStudio\,
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=..\..\dist\VillageStudio installer\windows\village_studio.nsi
; Defines:
;   VERSION       the app version, e.g. 0.1.0 (required)
;   BUNDLE_DIR    the PyInstaller one-folder bundle to install (required; relative paths are
;                 taken from this script's folder)
;   VERSION_QUAD  the version as four numbers for the file properties (default: VERSION.0)
;   OUTFILE       the installer to write (default: VillageStudio-VERSION-windows-x64-setup.exe
;                 beside the bundle folder)
;
; What it does:
;   - installs for all users into Program Files (when run by an administrator) or for the
;     current user only into %LOCALAPPDATA%\Programs (anyone; chosen on the first page, or
;     /AllUsers or /CurrentUser on the command line; /S for a silent install);
;   - Start menu shortcut, optional desktop shortcut, an entry in Apps / Add or remove
;     programs with the uninstaller;
;   - the uninstaller removes the program files and shortcuts only. The records, in
;     %APPDATA%\VillageStudio (or data\ beside the program in portable mode), are never
;     touched, and its confirmation page says so.
;
; tests/installer/test_installer_scripts.py compiles this script with Debian's makensis
; against a small stand-in folder: that checks the script (syntax, pages, languages, defines),
; not a Windows build, which is described in WINDOWS_BUILD.md.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Pass the app version: makensis /DVERSION=0.1.0 ..."
!endif
!ifndef BUNDLE_DIR
  !error "Pass the PyInstaller folder: makensis /DBUNDLE_DIR=...\dist\VillageStudio ..."
!endif
!define /ifndef VERSION_QUAD "${VERSION}.0"
!define /ifndef OUTFILE "${BUNDLE_DIR}\..\VillageStudio-${VERSION}-windows-x64-setup.exe"

!define APP_NAME "Village Studio"
!define APP_EXE "VillageStudio.exe"
!if ! /FileExists "${BUNDLE_DIR}\${APP_EXE}"
  !error "${BUNDLE_DIR}\${APP_EXE} is missing: build the bundle with PyInstaller first"
!endif
!define APP_ID "VillageStudio"
!define PUBLISHER "Village Studio"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

; All users (Program Files, needs an administrator) or the current user only.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_ID}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"

!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include x64.nsh

Name "${APP_NAME}"
OutFile "${OUTFILE}"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

; ------------------------------------------------------------------------ pages
!define MUI_ICON "..\icons\village-studio.ico"
!define MUI_UNICON "..\icons\village-studio.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; No "Run Village Studio" box on the last page: after an install for all users it would run
; the app elevated, as the administrator, with the administrator's data folder.
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UninstallKeepsData)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is used where Windows speaks neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_SIMPCHINESE} "村镇直播间（程序和开始菜单快捷方式）"
LangString SecProgram ${LANG_ENGLISH} "Village Studio (program and Start menu shortcut)"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString ShortcutName ${LANG_SIMPCHINESE} "村镇直播间"
LangString ShortcutName ${LANG_ENGLISH} "Village Studio"
LangString NeedsX64 ${LANG_SIMPCHINESE} "村镇直播间需要 64 位 Windows 10 或更新版本。"
LangString NeedsX64 ${LANG_ENGLISH} "Village Studio needs 64-bit Windows 10 or newer."
LangString FinishText ${LANG_SIMPCHINESE} "村镇直播间已安装。请从开始菜单或桌面快捷方式启动。$\r$\n$\r$\n记录保存在 %APPDATA%\${APP_ID} 文件夹中；升级或卸载程序都不会删除它们。"
LangString FinishText ${LANG_ENGLISH} "Village Studio is installed. Start it from the Start menu or the desktop shortcut.$\r$\n$\r$\nYour records are kept in %APPDATA%\${APP_ID}; neither an upgrade nor uninstalling removes them."
LangString UninstallKeepsData ${LANG_SIMPCHINESE} "将从电脑上删除村镇直播间的程序文件和快捷方式。$\r$\n您的记录（数据库、备份和日志，在 %APPDATA%\${APP_ID} 中）会保留，不会被删除；重新安装后可继续使用。"
LangString UninstallKeepsData ${LANG_ENGLISH} "This removes the Village Studio program files and shortcuts.$\r$\nYour records (database, backups and logs in %APPDATA%\${APP_ID}) are kept, not deleted; a new install picks them up again."

; ------------------------------------------------------------------------ install
Section "!$(SecProgram)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole library folder, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "ShortcutName" "$(ShortcutName)"

  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME} · 村镇直播间"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$\"$INSTDIR\${APP_EXE}$\",0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\" /$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /$MultiUser.InstallMode /S"
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsX64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

; ------------------------------------------------------------------------ uninstall
Section "Uninstall"
  ; Program files only, named one by one: %APPDATA%\VillageStudio (the records) is never
  ; touched, and neither is a portable-mode data\ folder or portable.txt in $INSTDIR.
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\studio-app.exe"
  Delete "$INSTDIR\ffmpeg.exe"
  Delete "$INSTDIR\ffprobe.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty

  ReadRegStr $0 SHCTX "${SETTINGS_KEY}" "ShortcutName"
  ${If} $0 != ""
    Delete "$SMPROGRAMS\$0.lnk"
    Delete "$DESKTOP\$0.lnk"
  ${EndIf}
  ; Both languages' names, in case the installer ran in the other one.
  Delete "$SMPROGRAMS\村镇直播间.lnk"
  Delete "$DESKTOP\村镇直播间.lnk"
  Delete "$SMPROGRAMS\Village Studio.lnk"
  Delete "$DESKTOP\Village Studio.lnk"

  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${SETTINGS_KEY}"
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd
