;;; eglot.el --- driven by test/editors/editors.test.ts  -*- lexical-binding: t -*-
;; Emacs (28+) in batch mode with eglot (1.9+) and lighttpd-language-server, configured as README
;; "Other editors" says. Writes what it saw as JSON to $OUT. Env: REPO, FILE, OUT.
(require 'json)
(require 'seq)
(dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa")
                (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]")))
  (add-to-list 'load-path d))
(require 'eglot)

(defvar lt-out nil)
(defun lt-res (k v) (push (cons k v) lt-out))
(defun lt-finish (&optional err)
  (when err (lt-res 'error (format "%s" err)))
  (with-temp-file (getenv "OUT") (insert (json-encode lt-out)))
  (kill-emacs 0))
(defun lt-wait (pred secs)
  "Processes events until PRED holds or SECS pass (every wait is bounded)."
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall pred)))
(defun lt-diagnostics ()
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
              `((code . ,(plist-get lsp :code))
                (line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d)))))))
          (flymake-diagnostics)))
(defun lt-line (n)
  (save-excursion (goto-char (point-min)) (forward-line n)
                  (buffer-substring-no-properties (point) (line-end-position))))

;; --- the configuration of README "Other editors" (Emacs, eglot) ---
(define-derived-mode lighttpd-mode prog-mode "lighttpd"
  "Major mode for lighttpd configuration files."
  (setq-local comment-start "# ")
  (modify-syntax-entry ?# "<" lighttpd-mode-syntax-table)
  (modify-syntax-entry ?\n ">" lighttpd-mode-syntax-table)
  (modify-syntax-entry ?. "_" lighttpd-mode-syntax-table)
  (modify-syntax-entry ?- "_" lighttpd-mode-syntax-table))
(add-to-list 'auto-mode-alist '("lighttpd\\.conf\\'\\|/lighttpd/.*\\.conf\\'" . lighttpd-mode))
(add-to-list 'eglot-server-programs
             `(lighttpd-mode . (,(concat (getenv "REPO") "/dist/language-server.js"))))
;; ---

(defvar lt-published 0 "How many publishDiagnostics eglot received.")
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest _)
              (when (eq method 'textDocument/publishDiagnostics) (setq lt-published (1+ lt-published)))))
(run-at-time 60 nil (lambda () (lt-finish "watchdog: more than 60 s")))
(condition-case err
    (let ((warnings '()) t0)
      (advice-add 'eglot--warn :before
                  (lambda (fmt &rest args) (push (apply #'format fmt args) warnings)))
      (find-file (getenv "FILE"))
      (lt-res 'mode (symbol-name major-mode))
      (setq t0 (float-time))
      ;; (what M-x eglot / eglot-ensure do; eglot-ensure waits for a command loop that batch mode has not)
      (apply #'eglot (eglot--guess-contact))
      (lt-wait (lambda () (flymake-diagnostics)) 15)
      (lt-res 'first_ms (* 1000 (- (float-time) t0)))
      (lt-res 'diagnostics (lt-diagnostics))
      ;; hover on proxy.server: the request and formatting eldoc uses
      (goto-char (point-min)) (forward-line 2) (forward-char 2)
      (let ((h (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                (eglot--TextDocumentPositionParams))))
        (lt-res 'hover (eglot--hover-info (plist-get h :contents))))
      ;; completion as completion-at-point does it: `proxy.`, the proxy.balance candidate, its exit function
      (goto-char (point-max))
      (insert "proxy.")
      (let* ((capf (eglot-completion-at-point))
             (beg (nth 0 capf)) (end (nth 1 capf)) (table (nth 2 capf)) (props (nthcdr 3 capf))
             (cands (all-completions (buffer-substring-no-properties beg end) table))
             (choice (seq-find (lambda (c) (string= c "proxy.balance")) cands)))
        (lt-res 'candidates (length cands))
        (when choice
          ;; (completion--replace strips the properties of the string it inserts: a copy, as the UI passes)
          (completion--replace beg end (copy-sequence choice))
          (funcall (plist-get props :exit-function) choice 'finished)
          (lt-res 'completed (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
          (lt-res 'modules_after_completion (lt-line 0))))
      ;; the code action, on the original text
      (let ((published lt-published))
        (erase-buffer)
        (insert-file-contents (getenv "FILE"))
        (eglot--signal-textDocument/didChange)
        ;; the diagnostics of the new text, then flymake's report of them
        (lt-wait (lambda () (> lt-published published)) 15)
        (lt-wait (lambda () (seq-find (lambda (d) (equal (alist-get 'line d) 2)) (lt-diagnostics))) 15))
      (goto-char (point-min)) (forward-line 2)
      (let ((offered nil) (last-nonmenu-event 13))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt collection &rest _)
                     (setq offered (mapcar #'car collection))
                     (seq-find (lambda (x) (string-match-p "mod_proxy" x)) offered))))
          (eglot-code-actions (line-beginning-position) (line-end-position) nil t))
        (lt-res 'code_actions offered))
      (lt-res 'modules_line (lt-line 0))
      (eglot-format-buffer)
      (lt-res 'text (split-string (buffer-substring-no-properties (point-min) (point-max)) "\n"))
      (lt-res 'warnings warnings)
      (lt-finish))
  (error (lt-finish err)))
;;; eglot.el ends here
