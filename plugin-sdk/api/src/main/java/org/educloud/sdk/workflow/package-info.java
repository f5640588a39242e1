/**
 * The kernel's approval workflows as an app uses them: start a case for a student of a school
 * that installed the app and granted {@link org.educloud.sdk.app.AppScopes#WORKFLOWS_SUBMIT}, read
 * where it stands, and follow it through EventAdmin events ({@link org.educloud.sdk.workflow.ApprovalTopics}).
 * Reviewers decide in the portal (their to-dos) or over the kernel's REST API; apps do not decide.
 */
@Version("1.0.0")
@Export
package org.educloud.sdk.workflow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
